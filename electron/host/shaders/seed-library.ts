import { eq } from 'drizzle-orm';
import { z } from 'zod';
import { DeclaredStyle, ShaderType, Tags } from '../../../shared/schemas/shaders.js';
import { ShaderSource } from '../../../shared/shaders/source.js';
import { settings, shaders, users } from '../db/schema.js';
import type { ShaderDeps } from './deps.js';
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

export interface SeedReport {
  inserted: number;
  skipped: number;
  renderJobs: string[];
  errors: { title: string; error: string }[];
}

/** Stable id per seed title, so a seed is never inserted twice. */
export const seedId = (title: string) => `seed-${title.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '').slice(0, 40)}-${fnv1a(title).toString(16).padStart(8, '0')}`;

/**
 * First launch: inserts the shipped shaders as published by "Auteur Studio" and queues their
 * renders (they reach the feed once rendered). Runs once per data dir: later calls (every boot)
 * do nothing, and shaders the user deleted do not come back. A seed that fails the static
 * checks is reported and skipped; the others still go in.
 */
export function seedLibraryIfEmpty(deps: ShaderDeps, seeds: readonly SeedShaderInput[]): SeedReport {
  const db = deps.database.db;
  const report: SeedReport = { inserted: 0, skipped: 0, renderJobs: [], errors: [] };
  if (db.select({ key: settings.key }).from(settings).where(eq(settings.key, SEEDED_KEY)).get()) {
    report.skipped = seeds.length;
    return report;
  }
  db.insert(users).values({ id: SYSTEM_AUTHOR.id, username: SYSTEM_AUTHOR.username, role: 'admin', trustTier: 'trusted_api' }).onConflictDoNothing().run();
  const svc = shaderServices(deps);
  for (const raw of seeds) {
    const parsed = SeedShader.safeParse(raw);
    const title = typeof (raw as { title?: unknown }).title === 'string' ? (raw as { title: string }).title : '(untitled)';
    if (!parsed.success) {
      report.errors.push({ title, error: z.prettifyError(parsed.error) });
      continue;
    }
    const s = parsed.data;
    const id = seedId(s.title);
    if (db.select({ id: shaders.id }).from(shaders).where(eq(shaders.id, id)).get()) {
      report.skipped++;
      continue;
    }
    try {
      const created = svc.shaders.create(
        { title: s.title, description: s.description ?? null, tags: s.tags, source: s.source, style: s.style ?? undefined, shaderType: s.shaderType },
        { id, origin: 'seed', status: 'published', actor: { userId: SYSTEM_AUTHOR.id, isAdmin: true }, renderPriority: -10 },
      );
      report.inserted++;
      if (created.lastRenderJobId) report.renderJobs.push(created.lastRenderJobId);
    } catch (err) {
      report.errors.push({ title: s.title, error: (err as Error).message });
    }
  }
  const now = Date.now();
  db.insert(settings).values({ key: SEEDED_KEY, value: now }).onConflictDoNothing().run();
  for (const e of report.errors) deps.logger.warn(`seed shader "${e.title}" was not added: ${e.error}`);
  deps.logger.info(`seeded ${report.inserted} shaders (${report.skipped} already there, ${report.errors.length} refused)`);
  return report;
}
