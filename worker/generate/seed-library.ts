import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { DeclaredStyle, ShaderType, Tags } from '../../shared/schemas/shaders.js';
import { ShaderSource } from '../../shared/shaders/source.js';
import { canonicalJson } from '../../shared/canonical-json.js';

/**
 * The shaders the studio ships with: resources/shaders/seed/<slug>.json, each an original
 * Shadertoy-format shader with its declared style (seed 000 §8). Pure file reading + zod, so
 * the host (first-launch seeding), tests and benches all load them the same way.
 */
export const SeedShaderFile = z
  .object({
    title: z.string().trim().min(1).max(120),
    description: z.string().trim().min(1).max(1000),
    tags: Tags,
    shaderType: ShaderType.default('2d'),
    style: DeclaredStyle.required({ chaos: true, colorTemperature: true, temperatureLabel: true, motion: true, motionType: true, geometry: true, palette: true }),
    source: ShaderSource,
  })
  .strict();
export type SeedShaderFile = z.infer<typeof SeedShaderFile>;

export interface SeedShader extends SeedShaderFile {
  /** File name without .json; stable, used in logs and tests. */
  slug: string;
  /** Hash of the source as written in the file: a precomputed render of other code is stale. */
  sourceHash: string;
}


/** sha256 (hex, 16 chars) of a seed's source as the file has it (before schema defaults). */
export function seedSourceHash(rawSource: unknown): string {
  return createHash('sha256').update(canonicalJson(rawSource)).digest('hex').slice(0, 16);
}

/** resources/shaders/<name> of the package, found from this file in src and in dist (and inside asar). */
export function shaderResourceDir(name: string): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const candidate = join(dir, 'resources', 'shaders', name);
    if (existsSync(join(dir, 'package.json')) && existsSync(candidate)) return candidate;
    const up = dirname(dir);
    if (up === dir) throw new Error(`Cannot find resources/shaders/${name} above ${fileURLToPath(import.meta.url)}`);
    dir = up;
  }
}

/** resources/shaders/seed: the seed shader library. */
export const defaultSeedDir = (): string => shaderResourceDir('seed');

/** Reads one seed file; a broken file is our bug, so the message names the file and the field. */
export function loadSeedFile(path: string): SeedShader {
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(path, 'utf8'));
  } catch (err) {
    throw new Error(`Seed shader ${basename(path)} is not valid JSON: ${(err as Error).message}`);
  }
  const parsed = SeedShaderFile.safeParse(raw);
  if (!parsed.success) throw new Error(`Seed shader ${basename(path)} does not match the seed format:\n${z.prettifyError(parsed.error)}`);
  return { slug: basename(path, '.json'), sourceHash: seedSourceHash((raw as { source?: unknown }).source), ...parsed.data };
}

/** Every seed, sorted by slug; titles are unique (the host derives stable ids from them). */
export function loadSeedLibrary(dir = defaultSeedDir()): SeedShader[] {
  const files = readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .sort();
  const seeds = files.map((f) => loadSeedFile(join(dir, f)));
  const titles = new Map<string, string>();
  for (const s of seeds) {
    const key = s.title.toLowerCase();
    const other = titles.get(key);
    if (other) throw new Error(`Seed shaders ${other} and ${s.slug} share the title "${s.title}"`);
    titles.set(key, s.slug);
  }
  return seeds;
}
