import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import sharp from 'sharp';
import { afterAll, describe, expect, it } from 'vitest';
import { ShotsAnimaticInput, ShotsAnimaticOutput } from '../../shared/jobs/shots-animatic.js';
import { WorkerProviderConfig } from '../../shared/schemas/providers.js';
import { probeMedia } from '../../worker/media/ffmpeg/probe.js';
import { resolveFfmpegPath } from '../../worker/media/ffmpeg/locate.js';
import { quotedDialogue } from '../../worker/shots/animatic.js';
import { shotsAnimaticTask } from '../../worker/tasks/shots-animatic.js';
import type { TaskContext } from '../../worker/task-context.js';

const root = mkdtempSync(join(tmpdir(), 'auteur-animatic-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

/** A data dir whose media table knows one reference image (the worker reads it read-only). */
async function dataDirWithImage(): Promise<string> {
  const dataDir = join(root, 'data');
  mkdirSync(join(dataDir, 'media', 'ab'), { recursive: true });
  await sharp({ create: { width: 640, height: 360, channels: 3, background: '#2a6' } }).png().toFile(join(dataDir, 'media', 'ab', 'ref.png'));
  const db = new Database(join(dataDir, 'studio.db'));
  db.exec('create table media_objects (id text primary key, rel_path text not null, mime text not null)');
  db.prepare('insert into media_objects values (?, ?, ?)').run('img1', 'ab/ref.png', 'image/png');
  db.close();
  return dataDir;
}

describe('shots.animatic with real ffmpeg and espeak-ng', () => {
  it('finds quoted dialogue in shot descriptions', () => {
    expect(quotedDialogue('MAYA and DEV talk. MAYA: “Come on.” DEV (O.S.): "You in here?"')).toEqual([
      { character: 'MAYA', text: 'Come on.' },
      { character: 'DEV (O.S.)', text: 'You in here?' },
    ]);
    expect(quotedDialogue('Rain on the window.')).toEqual([]);
    expect(quotedDialogue('The screen says ACCESS GRANTED. MAYA: "Yes."')).toEqual([{ character: 'MAYA', text: 'Yes.' }]);
  });

  it('holds each shot for its duration (longer when its line takes longer), with speech and captions', async () => {
    const dataDir = await dataDirWithImage();
    const workDir = join(root, 'work');
    mkdirSync(workDir, { recursive: true });
    const progress: number[] = [];
    const ctx: TaskContext = {
      jobId: 'j',
      attempt: 1,
      dataDir,
      workDir,
      providers: WorkerProviderConfig.parse({ choice: { tts: 'espeak' } }),
      signal: new AbortController().signal,
      progress: (f) => progress.push(f),
      log: () => {},
    };
    const input = ShotsAnimaticInput.parse({
      sceneId: 'scene1',
      slugline: 'INT. SERVER ROOM - NIGHT',
      shots: [
        { shotId: 'a', description: 'Rows of humming racks. Blue lights blink.', duration: 2, shotType: 'WIDE', imageMediaId: 'img1' },
        { shotId: 'b', description: 'MAYA speaks. MAYA: “We have to leave this building right now, before the guards come back.”', duration: 1, shotType: 'CLOSE-UP', imageMediaId: null },
        { shotId: 'c', description: 'The monitor reads ACCESS GRANTED.', duration: null, shotType: 'INSERT', imageMediaId: null },
      ],
    });
    const out = ShotsAnimaticOutput.parse(await shotsAnimaticTask(input, ctx));
    expect(out.shots.map((s) => [s.shotId, s.image])).toEqual([
      ['a', 'reference'],
      ['b', 'title_card'],
      ['c', 'title_card'],
    ]);
    expect(out.shots[0]!.durationSec).toBe(2);
    // Shot b is estimated at 1 s but its line takes longer to say.
    expect(out.shots[1]!.durationSec).toBeGreaterThan(2.5);
    expect(out.shots[1]!.spoken).toMatch(/^MAYA: We have to leave/);
    expect(out.shots[2]!.durationSec).toBe(3);
    expect(out.shots[2]!.startSec).toBeCloseTo(out.shots[0]!.durationSec + out.shots[1]!.durationSec, 3);
    expect(out.tts).toMatchObject({ provider: 'espeak' });
    expect(out.mp4).toMatchObject({ mime: 'video/mp4', provider: 'ffmpeg', mediaId: null });
    const info = await probeMedia(resolveFfmpegPath(ctx.providers), out.mp4.path!);
    expect(info.video).toMatchObject({ width: 1280, height: 720 });
    expect(info.audio).not.toBeNull();
    const total = out.shots.reduce((s, x) => s + x.durationSec, 0);
    expect(info.durationSec!).toBeGreaterThan(total - 0.2);
    expect(info.durationSec!).toBeLessThan(total + 0.3);
    expect(progress.at(-1)).toBe(1);
  });

  it('refuses a scene without shots', () => {
    expect(ShotsAnimaticInput.safeParse({ sceneId: 's', slugline: 'INT. A', shots: [] }).error?.issues[0]?.message).toMatch(/no shots/);
  });
});

