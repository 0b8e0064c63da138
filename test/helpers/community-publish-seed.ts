import { execFileSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { closeCore, createCore } from '../../electron/host/core.js';
import { ensureDataDir, resolveDataDir } from '../../electron/host/data-dir.js';
import { videoVideos, worldPrefabs } from '../../electron/host/db/schema.js';
import { createLogger } from '../../electron/host/logger.js';
import type { PrefabNode } from '../../shared/schemas/world.js';
import { resolveFfmpegPath } from '../../worker/media/ffmpeg/locate.js';

/**
 * Test only: a studio data dir holding what publishing needs, written before its host starts:
 * a finished library video as the video pipeline leaves it (final MP4 made by ffmpeg, thumbnail,
 * poster, script source and per-scene provenance) and a two-node world prefab of placeholders.
 */
const FFMPEG = resolveFfmpegPath();
const ff = (...args: string[]) => execFileSync(FFMPEG, ['-hide_banner', '-loglevel', 'error', '-y', ...args]);

export async function seedPublishables(home: string): Promise<{ videoId: string; prefabId: string }> {
  const videoId = randomUUID();
  const prefabId = randomUUID();
  const dataDir = resolveDataDir(home);
  ensureDataDir(dataDir);
  const core = createCore({ dataDir, mode: 'headless', logger: createLogger(dataDir.logsDir, { echo: () => undefined }) });
  await core.runner.stop();
  try {
    const dir = mkdtempSync(join(tmpdir(), 'publish-kinds-media-'));
    ff('-f', 'lavfi', '-i', 'color=c=teal:size=320x180:rate=24:duration=2', '-f', 'lavfi', '-i', 'sine=duration=2', '-c:v', 'libx264', '-preset', 'ultrafast', '-pix_fmt', 'yuv420p', '-c:a', 'aac', '-shortest', join(dir, 'final.mp4'));
    ff('-f', 'lavfi', '-i', 'color=c=teal:size=160x90', '-frames:v', '1', join(dir, 'thumb.jpg'));
    const mp4 = await core.media.ingestFile(join(dir, 'final.mp4'), { mime: 'video/mp4', provider: 'ffmpeg', model: 'test' });
    const thumb = await core.media.ingestFile(join(dir, 'thumb.jpg'), { mime: 'image/jpeg', provider: 'ffmpeg', model: 'test' });
    rmSync(dir, { recursive: true, force: true });
    const now = Date.now();
    core.database.db
      .insert(videoVideos)
      .values({
        id: videoId,
        title: 'The Lamp Keeper',
        description: 'A keeper lights the lamp in a storm.',
        prompt: 'A lighthouse in a storm at sea',
        style: 'cinematic',
        language: 'en',
        durationTarget: 7,
        providers: {},
        status: 'completed',
        progress: 1,
        scriptSource: { writer: 'offline', provider: 'embedded', model: 'offline-writer', note: null },
        final: { mediaId: mp4.id, width: 320, height: 180, durationSec: 2, bytes: mp4.bytes, jobId: null, renderedAt: new Date(now).toISOString() },
        thumbnailMediaId: thumb.id,
        posterMediaId: thumb.id,
        scenes: [{ sceneId: 's1', provider: 'chromium', model: 'shader-scene', voiceProvider: 'espeak', voiceModel: 'en', cacheHit: false, startSec: 0, durationSec: 2, fallbackReason: null }],
        languages: ['en'],
        durationSec: 2,
        inLibrary: true,
        completedAt: now,
      })
      .run();
    const node = (key: string, parentKey: string | null, y: number, size: [number, number, number], color: string): PrefabNode => ({
      key,
      parentKey,
      assetId: null,
      name: key,
      transform: { position: [0, y, 0], rotation: [0, 0, 0, 1], scale: [1, 1, 1] },
      physics: { bodyType: 'static', massKg: 1, gravityScale: 1, friction: 0.5, restitution: 0, collider: 'box' },
      render: { tint: null, castShadow: true, receiveShadow: true, materialOverrides: {} },
      behaviour: { pickupable: false, throwable: false, breakable: false },
      placeholder: { scaleMeters: size, color, roughness: 0.6, collider: 'box' },
    });
    core.database.db.insert(worldPrefabs).values({ id: prefabId, name: 'Table set', tags: ['furniture'], nodes: [node('table', null, 0, [1.2, 0.8, 0.8], '#8a5a2b'), node('lamp', 'table', 0.8, [0.25, 0.5, 0.25], '#f0d060')] }).run();
  } finally {
    await closeCore(core);
  }
  return { videoId, prefabId };
}

