/**
 * Importing a screenplay into a project is one transaction: when queueing a scene's breakdown
 * fails after the scenes were inserted, nothing is left (no scenes, no jobs, replaced scenes
 * still live), so retrying the import does not duplicate scenes.
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeCore, createCore } from '../../electron/host/core.js';
import { ensureDataDir, resolveDataDir } from '../../electron/host/data-dir.js';
import type { CoreContext } from '../../electron/host/host-context.js';
import { createLogger } from '../../electron/host/logger.js';
import { shotsServices, type ShotsServices } from '../../electron/host/shots/services.js';
import { ParseScriptBody } from '../../shared/schemas/shots.js';
import { tempHome } from '../helpers/host-process.js';

const SCRIPT = readFileSync(new URL('../fixtures/shots/brick-and-steel.fountain', import.meta.url), 'utf8');

let core: CoreContext;
let svc: ShotsServices;
beforeAll(async () => {
  const dataDir = resolveDataDir(tempHome('auteur-shots-import-'));
  ensureDataDir(dataDir);
  core = createCore({ dataDir, mode: 'headless', logger: createLogger(dataDir.logsDir, { echo: () => undefined }) });
  await core.runner.stop(); // nothing runs the queued breakdowns
  svc = shotsServices(core);
});
afterAll(() => closeCore(core));

const sqlite = () => core.database.sqlite;
const breakdownJobs = () => (sqlite().prepare("SELECT count(*) AS n FROM jobs WHERE kind = 'shots.breakdown'").get() as { n: number }).n;
const liveScenes = (projectId: string) => sqlite().prepare('SELECT id FROM shot_scenes WHERE project_id = ? AND deleted_at IS NULL').all(projectId) as { id: string }[];
/** The second breakdown job of an import cannot be stored (as a full disk would refuse it). */
const failSecondBreakdown = (already: number) =>
  sqlite().exec(
    `CREATE TRIGGER fail_breakdown BEFORE INSERT ON jobs WHEN NEW.kind = 'shots.breakdown' AND (SELECT count(*) FROM jobs WHERE kind = 'shots.breakdown') >= ${already + 1}
     BEGIN SELECT RAISE(ABORT, 'database or disk is full'); END`,
  );
const healDisk = () => sqlite().exec('DROP TRIGGER fail_breakdown');
const importScript = (projectId: string, mode: 'append' | 'replace' = 'append') => svc.scripts.run(ParseScriptBody.parse({ text: SCRIPT, fileName: 'brick.fountain', projectId, mode }));

describe('script import', () => {
  it('leaves nothing when queueing a breakdown fails, and a retry creates each scene once', () => {
    const project = svc.projects.create({ name: 'Atomic import', resolution: '720p', aspectRatio: '16:9', veoVersion: '3.1' });
    const before = breakdownJobs();
    failSecondBreakdown(before);
    expect(() => importScript(project.id)).toThrow(/disk is full/);
    expect(liveScenes(project.id)).toEqual([]);
    expect(breakdownJobs()).toBe(before);
    healDisk();
    const ok = importScript(project.id);
    expect(ok.createdSceneIds).toHaveLength(4);
    expect(liveScenes(project.id)).toHaveLength(4);
    expect(breakdownJobs()).toBe(before + 4);
  });

  it('a failed replace keeps the old scenes live', () => {
    const project = svc.projects.create({ name: 'Atomic replace', resolution: '720p', aspectRatio: '16:9', veoVersion: '3.1' });
    const first = importScript(project.id);
    failSecondBreakdown(breakdownJobs());
    expect(() => importScript(project.id, 'replace')).toThrow(/disk is full/);
    healDisk();
    expect(liveScenes(project.id).map((s) => s.id).sort()).toEqual([...first.createdSceneIds].sort());
  });
});
