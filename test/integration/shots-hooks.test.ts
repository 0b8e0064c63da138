import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeCore, createCore } from '../../electron/host/core.js';
import { ensureDataDir, resolveDataDir } from '../../electron/host/data-dir.js';
import type { CoreContext } from '../../electron/host/host-context.js';
import type { JobRow } from '../../electron/host/jobs/job-row.js';
import { createLogger } from '../../electron/host/logger.js';
import { shotsServices, type ShotsServices } from '../../electron/host/shots/services.js';
import { ShotsBreakdownOutput } from '../../shared/jobs/shots-breakdown.js';
import { ShotsPayloadOutput } from '../../shared/jobs/shots-payload.js';
import { ShotsAnimaticOutput } from '../../shared/jobs/shots-animatic.js';
import { parseScreenplay } from '../../shared/shots/parse-script.js';
import { sceneToFountain } from '../../shared/shots/to-fountain.js';
import { heuristicBreakdown } from '../../worker/shots/breakdown-heuristic.js';
import { tempHome } from '../helpers/host-process.js';

const SCENE = parseScreenplay('INT. DINER - NIGHT\n\nRain hammers the glass.\n\nWAITRESS\nCoffee?\n\nAL\nBlack.\n').scenes[0]!;

let core: CoreContext;
let svc: ShotsServices;
let home: string;
beforeAll(async () => {
  home = tempHome('auteur-shots-hooks-');
  const dataDir = resolveDataDir(home);
  ensureDataDir(dataDir);
  core = createCore({ dataDir, mode: 'headless', logger: createLogger(dataDir.logsDir, { echo: () => undefined }) });
  await core.runner.stop(); // the tests play the worker's part
  svc = shotsServices(core);
});
afterAll(() => closeCore(core));

const job = (kind: string, input: unknown, id = `job-${Math.random().toString(36).slice(2)}`) => ({ id, kind, input }) as unknown as JobRow;
const hook = (kind: string) => core.hooks.get(kind)!;

describe('shots job hooks store results through the Shots services', () => {
  it('a breakdown creates the scene shots in order with their source; a new one replaces them but keeps manual shots', async () => {
    const project = svc.projects.create({ name: 'Night shift', resolution: '720p', aspectRatio: '16:9', veoVersion: '3.1' });
    const scene = svc.scenes.create(project.id, { slugline: SCENE.slugline, rawContent: sceneToFountain(SCENE) });
    const shots = heuristicBreakdown(SCENE);
    const out = ShotsBreakdownOutput.parse({ sceneId: scene.id, shots, source: 'heuristic', provider: 'heuristic', model: 'offline-breakdown-v1', attempts: 0, fallbackReason: null, sceneSeconds: 10 });
    await hook('shots.breakdown').onSucceeded!(job('shots.breakdown', {}), out);
    let live = svc.reader.liveShots([scene.id]);
    expect(live.map((s) => [s.description, s.source, s.sequenceNumber])).toEqual(shots.map((s, i) => [s.description, 'heuristic', i]));
    expect(live[1]).toMatchObject({ shotType: shots[1]!.shotType, characters: ['WAITRESS', 'AL'] });

    svc.shots.create(scene.id, { description: 'A manual insert of the menu.', duration: 2, shotType: 'INSERT', camera: null, characters: [] });
    const again = ShotsBreakdownOutput.parse({ ...out, source: 'llm', provider: 'ollama', model: 'llama3.2', attempts: 1, shots: [{ ...shots[0]!, description: 'Rain on the diner glass.' }] });
    await hook('shots.breakdown').onSucceeded!(job('shots.breakdown', {}), again);
    live = svc.reader.liveShots([scene.id]);
    expect(live.map((s) => [s.description, s.source])).toEqual([
      ['A manual insert of the menu.', 'manual'],
      ['Rain on the diner glass.', 'llm'],
    ]);
  });

  it('a payload makes the shot ready with the request, its source and the LLM context; a failure puts it back to draft with the reason', async () => {
    const project = svc.projects.create({ name: 'P', resolution: '720p', aspectRatio: '16:9', veoVersion: '3.1' });
    const scene = svc.scenes.create(project.id, { slugline: 'INT. A - DAY', rawContent: null });
    const shot = svc.shots.create(scene.id, { description: 'Al drinks.', duration: 3, shotType: 'MEDIUM', camera: null, characters: ['AL'] }).shot;
    const payload = { instances: [{ prompt: 'Medium shot. Al drinks.' }], parameters: { sampleCount: 1, durationSeconds: 4, aspectRatio: '16:9', resolution: '720p' } };
    const out = ShotsPayloadOutput.parse({ shotId: shot.id, payload, source: 'template', provider: 'template', model: 'veo-template-v1', attempts: 0, context: 'Shot: Al drinks.', fallbackReason: 'No LLM' });
    await hook('shots.payload').onSucceeded!(job('shots.payload', { shotId: shot.id }, 'job-p1'), out);
    expect(svc.shots.get(shot.id).shot).toMatchObject({ status: 'ready', payloadSource: 'template', llmContextCache: 'Shot: Al drinks.', veoPayload: payload, payloadJobId: 'job-p1', lastError: null });

    await hook('shots.payload').onFailed!(job('shots.payload', { shotId: shot.id }), 'The LLM answer never matched the Veo request after 3 tries');
    expect(svc.shots.get(shot.id).shot).toMatchObject({ status: 'draft', lastError: 'The LLM answer never matched the Veo request after 3 tries' });
    // A failure for a shot deleted meanwhile is only logged.
    await expect(Promise.resolve(hook('shots.payload').onFailed!(job('shots.payload', { shotId: 'gone' }), 'x'))).resolves.toBeUndefined();
  });

  it('an animatic MP4 moves into the media store with its provenance', async () => {
    const j = job('shots.animatic', {}, 'job-anim');
    const scratch = join(core.dataDir.mediaDir, 'incoming', 'job-anim-1');
    mkdirSync(scratch, { recursive: true });
    writeFileSync(join(scratch, 'animatic.mp4'), Buffer.from('mp4 bytes'));
    const out = ShotsAnimaticOutput.parse({
      sceneId: 's1',
      mp4: { path: join(scratch, 'animatic.mp4'), mediaId: null, mime: 'video/mp4', bytes: 9, provider: 'ffmpeg', model: 'ffmpeg 5.1' },
      durationSec: 6,
      width: 1280,
      height: 720,
      shots: [{ shotId: 'a', startSec: 0, durationSec: 6, image: 'title_card', spoken: null }],
      tts: null,
    });
    const stored = ShotsAnimaticOutput.parse(await hook('shots.animatic').onSucceeded!(j, out));
    expect(stored.mp4.path).toBeNull();
    expect(core.media.get(stored.mp4.mediaId!)).toMatchObject({ mime: 'video/mp4' });
  });
});
