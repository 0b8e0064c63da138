import { eq } from 'drizzle-orm';
import { z } from 'zod';
import { DeclaredStyle, ShaderType, Tags } from '../../../shared/schemas/shaders.js';
import { ShaderSource } from '../../../shared/shaders/source.js';
import { settings, shaders, users } from '../db/schema.js';
import { seedAssetFor, type SeedAssetLookup, type SeedAssets } from '../../../worker/generate/seed-assets.js';
import type { ShaderDeps } from './deps.js';
import { applySeedAsset, ingestSeedThumbnail } from './seed-assets.js';
import type { ShaderRow } from './shader-rows.js';
import { shaderServices } from './services.js';
import { fnv1a } from './text-hash.js';

/** The author of the shaders the studio ships with. */
export const SYSTEM_AUTHOR = { id: 'system-auteur-studio', username: 'Auteur Studio' } as const;
const SEEDED_KEY = 'shaders.seededAt';

export const SeedShader = z.object({
  title: z.string().trim().min(1).max(120),
  description: z.string().trim().max(1000).nullable().optional(),
  tags: Tags.default([]),
  source: ShaderSource,
  style: DeclaredStyle.nullable().optional(),
  shaderType: ShaderType.optional(),
});
export type SeedShaderInput = z.input<typeof SeedShader>;
type SeedShaderOutput = z.output<typeof SeedShader>;

export interface SeedReport {
  inserted: number;
  skipped: number;
  /** Inserted render-ready from their shipped precomputed render (no render job). */
  precomputed: number;
  /** Inserted without a usable precomputed render: their render was queued here, with the reason. */
  rendering: { title: string; reason: string }[];
  renderJobs: string[];
  errors: { title: string; error: string }[];
}

/** A seed as loaded from resources/shaders/seed; slug and sourceHash find its precomputed render. */
export type SeedInput = SeedShaderInput & { slug?: string; sourceHash?: string };

/** Stable id per seed title, so a seed is never inserted twice. */
export const seedId = (title: string) => `seed-${title.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '').slice(0, 40)}-${fnv1a(title).toString(16).padStart(8, '0')}`;

const isSeeded = (deps: ShaderDeps) => !!deps.database.db.select({ key: settings.key }).from(settings).where(eq(settings.key, SEEDED_KEY)).get();

/**
 * First launch: inserts the shipped shaders as published by "Auteur Studio". A seed with a fresh
 * precomputed render (resources/shaders/precomputed, same source hash) goes in render-ready with
 * that thumbnail, stats, style and vector, and no render job: the feed is full at once whatever
 * this machine's speed. Any other seed gets a background render queued, as before. Runs once per
 * data dir: later calls do nothing, and shaders the user deleted do not come back. A seed that
 * fails the static checks is reported and skipped; the others still go in.
 */
export async function seedLibraryIfEmpty(deps: ShaderDeps, seeds: readonly SeedInput[], assets: SeedAssets | null = null): Promise<SeedReport> {
  const report: SeedReport = { inserted: 0, skipped: 0, precomputed: 0, rendering: [], renderJobs: [], errors: [] };
  if (isSeeded(deps)) {
    report.skipped = seeds.length;
    return report;
  }
  const parsed: { s: SeedShaderOutput; id: string; fresh: Extract<SeedAssetLookup, { state: 'fresh' }> | null; why: string }[] = [];
  for (const raw of seeds) {
    const p = SeedShader.safeParse(raw);
    const title = typeof (raw as { title?: unknown }).title === 'string' ? (raw as { title: string }).title : '(untitled)';
    if (!p.success) {
      report.errors.push({ title, error: z.prettifyError(p.error) });
      continue;
    }
    const lookup: SeedAssetLookup =
      raw.slug && raw.sourceHash ? seedAssetFor({ slug: raw.slug, sourceHash: raw.sourceHash }, assets) : { state: 'missing', reason: 'not a shipped seed file' };
    parsed.push({ s: p.data, id: seedId(p.data.title), fresh: lookup.state === 'fresh' ? lookup : null, why: lookup.state === 'fresh' ? '' : lookup.reason });
  }
  // Files first (async, content-addressed so a repeat is harmless), then every row in one transaction.
  const thumbs = new Map<string, string>();
  for (const p of parsed) {
    if (!p.fresh || !assets) continue;
    try {
      thumbs.set(p.id, await ingestSeedThumbnail(deps, p.id, p.fresh.asset, p.fresh.thumbnailPath, assets.manifest.renderer));
    } catch (err) {
      p.why = `its precomputed thumbnail could not be stored: ${(err as Error).message}`;
      p.fresh = null;
    }
  }
  const svc = shaderServices(deps);
  const db = deps.database.db;
  const ready: string[] = [];
  deps.database.sqlite
    .transaction(() => {
      // Another process (`auteur mcp` beside `serve`) may have seeded while the files were copied.
      if (isSeeded(deps)) {
        report.skipped = seeds.length;
        return;
      }
      db.insert(users).values({ id: SYSTEM_AUTHOR.id, username: SYSTEM_AUTHOR.username, role: 'admin', trustTier: 'trusted_api' }).onConflictDoNothing().run();
      for (const { s, id, fresh, why } of parsed) {
        if (db.select({ id: shaders.id }).from(shaders).where(eq(shaders.id, id)).get()) {
          report.skipped++;
          continue;
        }
        const thumb = thumbs.get(id);
        try {
          const created = svc.shaders.create(
            { title: s.title, description: s.description ?? null, tags: s.tags, source: s.source, style: s.style ?? undefined, shaderType: s.shaderType },
            { id, origin: 'seed', status: 'published', actor: { userId: SYSTEM_AUTHOR.id, isAdmin: true }, render: fresh && thumb ? 'none' : 'queue', renderPriority: -10 },
          );
          report.inserted++;
          if (fresh && thumb) {
            applySeedAsset(deps, shaderRow(deps, id), fresh.asset, thumb);
            report.precomputed++;
            ready.push(id);
          } else {
            report.rendering.push({ title: s.title, reason: why });
            if (created.lastRenderJobId) report.renderJobs.push(created.lastRenderJobId);
          }
        } catch (err) {
          report.errors.push({ title: s.title, error: (err as Error).message });
        }
      }
      db.insert(settings).values({ key: SEEDED_KEY, value: Date.now() }).onConflictDoNothing().run();
    })
    .immediate();
  for (const id of ready) deps.bus.publish({ type: 'domain', topic: 'shader.updated', id, data: svc.shaders.get(id) });
  for (const e of report.errors) deps.logger.warn(`seed shader "${e.title}" was not added: ${e.error}`);
  const byReason = new Map<string, string[]>();
  for (const r of report.rendering) byReason.set(r.reason, [...(byReason.get(r.reason) ?? []), r.title]);
  for (const [reason, titles] of byReason) deps.logger.warn(`${titles.length} seed shader(s) render on this machine (${reason}): ${titles.join(', ')}`);
  if (report.inserted) {
    deps.logger.info(`seeded ${report.inserted} shaders: ${report.precomputed} ready from precomputed renders, ${report.renderJobs.length} queued for rendering (${report.skipped} already there, ${report.errors.length} refused)`);
  } else deps.logger.info(`seed shaders: nothing to add (${report.skipped} already there, ${report.errors.length} refused)`);
  return report;
}

function shaderRow(deps: ShaderDeps, id: string): ShaderRow {
  const row = deps.database.db.select().from(shaders).where(eq(shaders.id, id)).get();
  if (!row) throw new Error(`seed shader ${id} was not inserted`);
  return row;
}
