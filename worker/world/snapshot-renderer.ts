import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Matrix4, Quaternion, Vector3 } from 'three';
import type { WorldSnapshotItem } from '../../shared/jobs/world-snapshot.js';
import { sharedRenderBrowser } from '../render/browser.js';
import { builtBundle } from '../render/runtime-bundle.js';

/**
 * World snapshots in the worker's shared headless Chromium: the page script is
 * dist/world-runtime/world.iife.js (renderer/world-runtime, built by vite.world-runtime.config.ts);
 * GLBs go in as base64, the PNG comes back as a data URL.
 */

const WORLD_RUNTIME = builtBundle(join('dist', 'world-runtime', 'world.iife.js'), 'The world snapshot runtime');
const PAGE_HTML = '<!doctype html><html><head><meta charset="utf-8"><title>Auteur world snapshot</title></head><body style="margin:0"></body></html>';
/** GLB bytes one snapshot may carry into the page. */
export const MAX_SNAPSHOT_GLB_BYTES = 96 * 1024 * 1024;

type V3 = [number, number, number];
interface PageItem { glb: number; placeholder: { scaleMeters: V3; color: string } | null; transform: { position: V3; rotation: [number, number, number, number]; scale: V3 } }

export interface SnapshotRequest {
  width: number;
  height: number;
  items: WorldSnapshotItem[];
  camera?: { position: V3; target: V3 };
  background: string;
  grid: boolean;
}

export interface SnapshotImage {
  png: Buffer;
  camera: { position: V3; target: V3 };
  drawn: { glb: number; placeholder: number; skipped: number };
  warnings: string[];
}

/** World transform of an item: prefab children compose with their parent's (cycles are cut). */
function worldMatrix(item: WorldSnapshotItem, byId: Map<string, WorldSnapshotItem>, seen = new Set<WorldSnapshotItem>()): Matrix4 {
  const t = item.transform;
  const local = new Matrix4().compose(new Vector3(...t.position), new Quaternion(...t.rotation).normalize(), new Vector3(...t.scale));
  const parent = item.parentId ? byId.get(item.parentId) : undefined;
  if (!parent || seen.has(parent)) return local;
  seen.add(item);
  return worldMatrix(parent, byId, seen).multiply(local);
}

export async function renderWorldSnapshot(req: SnapshotRequest, opts: { runDir?: string | null; budgetMs?: number } = {}): Promise<SnapshotImage> {
  const warnings: string[] = [];
  const glbIndex = new Map<string, number>();
  const glbs: string[] = [];
  let bytes = 0;
  const byId = new Map(req.items.filter((i) => i.entityId).map((i) => [i.entityId!, i]));
  const items: PageItem[] = [];
  let skipped = 0;
  for (const item of req.items) {
    let glb = -1;
    const label = item.entityId ?? `item ${items.length + skipped}`;
    if (item.glbPath) {
      glb = glbIndex.get(item.glbPath) ?? -1;
      if (glb < 0) {
        try {
          const data = readFileSync(item.glbPath);
          if (bytes + data.length > MAX_SNAPSHOT_GLB_BYTES) throw new Error(`over the ${MAX_SNAPSHOT_GLB_BYTES / 1024 / 1024} MB a snapshot may load`);
          bytes += data.length;
          glb = glbs.push(data.toString('base64')) - 1;
          glbIndex.set(item.glbPath, glb);
        } catch (err) {
          warnings.push(`${label}: its GLB could not be read (${(err as Error).message.split('\n')[0]}); ${item.placeholder ? 'drawn as its placeholder' : 'not drawn'}`);
        }
      }
    } else if (item.glbMediaId) warnings.push(`${label}: media ${item.glbMediaId} came without a file path; ${item.placeholder ? 'drawn as its placeholder' : 'not drawn'}`);
    if (glb < 0 && !item.placeholder) {
      skipped++;
      continue;
    }
    const m = worldMatrix(item, byId);
    const p = new Vector3(), q = new Quaternion(), s = new Vector3();
    m.decompose(p, q, s);
    items.push({
      glb,
      placeholder: glb < 0 && item.placeholder ? { scaleMeters: item.placeholder.scaleMeters, color: item.placeholder.color } : null,
      transform: { position: [p.x, p.y, p.z], rotation: [q.x, q.y, q.z, q.w], scale: [s.x, s.y, s.z] },
    });
  }
  const spec = { width: req.width, height: req.height, glbs, items, camera: req.camera ?? null, background: req.background, grid: req.grid };
  const browser = sharedRenderBrowser({ runDir: opts.runDir ?? null });
  const result = await browser.withPage('world snapshot', opts.budgetMs ?? 90_000, async (page) => {
    await page.setContent(PAGE_HTML);
    await page.evaluate(WORLD_RUNTIME.code());
    return page.evaluate(
      (s: unknown) => (globalThis as unknown as { __auteurWorldSnapshot: { render(x: unknown): Promise<{ png: string; camera: { position: V3; target: V3 }; failed: Array<{ glb: number; error: string }> }> } }).__auteurWorldSnapshot.render(s),
      spec as unknown,
    );
  });
  const paths = [...glbIndex.keys()];
  for (const f of result.failed) warnings.push(`${paths[f.glb]}: three.js could not load the GLB (${f.error}); not drawn`);
  const failedSet = new Set(result.failed.map((f) => f.glb));
  const drawnGlb = items.filter((i) => i.glb >= 0 && !failedSet.has(i.glb)).length;
  const png = Buffer.from(result.png.replace(/^data:image\/png;base64,/, ''), 'base64');
  return { png, camera: result.camera, drawn: { glb: drawnGlb, placeholder: items.filter((i) => i.glb < 0).length, skipped: skipped + items.filter((i) => failedSet.has(i.glb)).length }, warnings };
}
