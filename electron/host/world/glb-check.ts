import { createRequire } from 'node:module';
import { getBounds, NodeIO, Primitive, type Document } from '@gltf-transform/core';
import { AppError } from '../errors.js';

/**
 * Checks a user's GLB before it enters the library, in order of cost: size cap, GLB container
 * (magic, version, declared length, JSON chunk), no references to outside files (buffers or
 * images by URI), the Khronos glTF validator (errors refuse, warnings are kept), then the triangle
 * budget and bounds from the parsed document. Every refusal names what is wrong.
 */

export const MAX_GLB_BYTES = 64 * 1024 * 1024;

interface ValidatorMessage { code: string; message: string; severity: number; pointer?: string }
interface ValidatorReport { issues: { numErrors: number; numWarnings: number; messages: ValidatorMessage[] }; info?: { totalTriangleCount?: number } }
type Validator = { validateBytes(data: Uint8Array, opts?: Record<string, unknown>): Promise<ValidatorReport> };
// gltf-validator is CommonJS without types; loaded on first use (it is a large dart2js bundle).
let validator: Validator | null = null;
const loadValidator = (): Validator => (validator ??= createRequire(import.meta.url)('gltf-validator') as Validator);

export interface GlbCheck {
  document: Document;
  triangles: number;
  bounds: { min: [number, number, number]; max: [number, number, number] };
  warnings: string[];
}

const corrupt = (why: string) => new AppError(400, 'glb_corrupt', `This file is not a readable GLB: ${why}`);

/** The JSON chunk of a GLB, after the container checks. */
export function glbJson(bytes: Uint8Array): Record<string, unknown> {
  if (bytes.byteLength < 20) throw corrupt(`only ${bytes.byteLength} bytes (a GLB has a 12-byte header and a JSON chunk)`);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (view.getUint32(0, true) !== 0x46546c67) throw corrupt('it does not start with the "glTF" magic (send a binary .glb, not .gltf JSON or another format)');
  const version = view.getUint32(4, true);
  if (version !== 2) throw corrupt(`container version ${version}; only glTF 2.0 is supported`);
  const length = view.getUint32(8, true);
  if (length !== bytes.byteLength) throw corrupt(`the header says ${length} bytes but the file has ${bytes.byteLength} (truncated or padded)`);
  const jsonLength = view.getUint32(12, true);
  if (view.getUint32(16, true) !== 0x4e4f534a) throw corrupt('the first chunk is not JSON');
  if (20 + jsonLength > bytes.byteLength) throw corrupt('the JSON chunk runs past the end of the file');
  try {
    return JSON.parse(new TextDecoder().decode(bytes.subarray(20, 20 + jsonLength))) as Record<string, unknown>;
  } catch (err) {
    throw corrupt(`its JSON chunk does not parse (${(err as Error).message})`);
  }
}

/** URIs that point outside the file (data: URIs are embedded and fine). */
export function externalUris(json: Record<string, unknown>): string[] {
  const out: string[] = [];
  for (const key of ['buffers', 'images'] as const) {
    const list = Array.isArray(json[key]) ? (json[key] as { uri?: unknown }[]) : [];
    list.forEach((item, i) => {
      if (typeof item?.uri === 'string' && !item.uri.startsWith('data:')) out.push(`${key}[${i}].uri = "${item.uri.slice(0, 120)}"`);
    });
  }
  return out;
}

function countTriangles(doc: Document): number {
  let n = 0;
  for (const mesh of doc.getRoot().listMeshes()) {
    for (const p of mesh.listPrimitives()) {
      const count = p.getIndices()?.getCount() ?? p.getAttribute('POSITION')?.getCount() ?? 0;
      const mode = p.getMode();
      if (mode === Primitive.Mode.TRIANGLES) n += Math.floor(count / 3);
      else if (mode === Primitive.Mode.TRIANGLE_STRIP || mode === Primitive.Mode.TRIANGLE_FAN) n += Math.max(0, count - 2);
    }
  }
  return n;
}

export async function checkGlb(bytes: Uint8Array, limits: { maxBytes: number; maxTriangles: number }): Promise<GlbCheck> {
  if (bytes.byteLength > limits.maxBytes) {
    throw new AppError(413, 'glb_too_large', `The GLB is ${(bytes.byteLength / 1048576).toFixed(1)} MB; imports are capped at ${(limits.maxBytes / 1048576).toFixed(0)} MB`);
  }
  const json = glbJson(bytes);
  const external = externalUris(json);
  if (external.length) {
    throw new AppError(422, 'glb_external_uri', `The GLB references files outside itself (${external.join(', ')}); export it with embedded resources and import again`);
  }
  let report: ValidatorReport;
  try {
    report = await loadValidator().validateBytes(bytes, {
      format: 'glb',
      maxIssues: 50,
      externalResourceFunction: (uri: string) => Promise.reject(new Error(`external resource ${uri} refused`)),
    });
  } catch (err) {
    throw corrupt(String((err as Error)?.message ?? err));
  }
  const messages = report.issues.messages ?? [];
  if (report.issues.numErrors > 0) {
    const errors = messages.filter((m) => m.severity === 0).slice(0, 5).map((m) => `${m.code}${m.pointer ? ` at ${m.pointer}` : ''}: ${m.message}`);
    throw new AppError(422, 'glb_invalid', `The glTF validator found ${report.issues.numErrors} error(s): ${errors.join('; ')}`, { errors: messages.filter((m) => m.severity === 0) });
  }
  let document: Document;
  try {
    document = await new NodeIO().readBinary(bytes);
  } catch (err) {
    throw corrupt((err as Error).message);
  }
  const triangles = countTriangles(document);
  if (triangles > limits.maxTriangles) {
    throw new AppError(422, 'glb_over_budget', `The GLB has ${triangles.toLocaleString('en')} triangles; this world's budget is ${limits.maxTriangles.toLocaleString('en')} (settings.budget.maxTriangles). Decimate it and import again`);
  }
  const scene = document.getRoot().getDefaultScene() ?? document.getRoot().listScenes()[0];
  const b = scene ? getBounds(scene) : null;
  const finite = b && [...b.min, ...b.max].every(Number.isFinite);
  if (!triangles || !finite) throw new AppError(422, 'glb_empty', 'The GLB has no triangle geometry to place in a world');
  const warnings = messages.filter((m) => m.severity === 1).slice(0, 10).map((m) => `${m.code}: ${m.message}`);
  return { document, triangles, bounds: { min: [...b!.min] as [number, number, number], max: [...b!.max] as [number, number, number] }, warnings };
}
