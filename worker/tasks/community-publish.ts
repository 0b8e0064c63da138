import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { join, resolve, sep } from 'node:path';
import type { CommunityPublishInput, CommunityPublishOutput } from '../../shared/jobs/community-publish.js';
import { RELAY_UPLOAD_LIMITS } from '../../shared/schemas/relay-community.js';
import { CLIP_SECONDS, makePreviewClip } from '../community/preview-clip.js';
import { resolveFfmpegPath } from '../media/ffmpeg/locate.js';
import { runDirOf } from '../render/browser-registry.js';
import type { TaskContext, TaskHandler } from '../task-context.js';
import { renderWorldSnapshot } from '../world/snapshot-renderer.js';

/**
 * Where a publish keeps the files it made until the upload succeeds (the host hook deletes them
 * then): a relay that is down retries the job many times, and each attempt must not redo an
 * ffmpeg clip or a Chromium drawing it already made.
 */
function pendingFile(ctx: TaskContext, key: unknown, ext: string): string {
  const dir = join(ctx.dataDir, 'media', 'community-pending');
  mkdirSync(dir, { recursive: true });
  return join(dir, `${createHash('sha256').update(JSON.stringify(key)).digest('hex').slice(0, 32)}${ext}`);
}

/**
 * The file work of a publish; the upload itself needs the relay tokens, which stay in the host
 * (its onSucceeded hook uploads). A video whose final MP4 is over the relay's preview limit gets
 * a shortened clip; a prefab without a thumbnail gets one drawn (its nodes on a grid).
 */
export const communityPublishTask: TaskHandler<CommunityPublishInput, CommunityPublishOutput> = async (input, ctx) => {
  const out: CommunityPublishOutput = { kind: input.kind, id: input.id };
  const v = input.video;
  if (input.kind === 'video' && v && v.finalBytes > RELAY_UPLOAD_LIMITS.previewBytes) {
    // Only the studio's own media store is ever read for a publish.
    if (!resolve(v.finalPath).startsWith(join(ctx.dataDir, 'media') + sep)) throw new Error('The video to publish is not in the media store');
    const clipPath = pendingFile(ctx, ['clip', v.finalPath, v.finalBytes], '.mp4');
    if (!existsSync(clipPath)) {
      ctx.progress(0.05, `The final MP4 is ${(v.finalBytes / 1e6).toFixed(0)} MB, over the relay's ${RELAY_UPLOAD_LIMITS.previewBytes / 1024 / 1024} MB limit: making a ${CLIP_SECONDS} s preview clip`);
      const tmp = join(ctx.workDir, 'community-preview.mp4');
      await makePreviewClip(resolveFfmpegPath(ctx.providers), { input: v.finalPath, out: tmp, maxBytes: RELAY_UPLOAD_LIMITS.previewBytes, durationSec: v.durationSec, signal: ctx.signal, onProgress: (f) => ctx.progress(0.05 + 0.9 * f) });
      renameSync(tmp, clipPath);
    }
    out.clipPath = clipPath;
  }
  if (input.kind === 'prefab' && input.prefab) {
    const items = input.prefab.snapshotItems;
    const thumbnailPath = pendingFile(ctx, ['prefab-thumb', items], '.png');
    if (existsSync(thumbnailPath)) out.thumbnailPath = thumbnailPath;
    else {
      ctx.progress(0.1, `Drawing the prefab's thumbnail (${items.length} node${items.length === 1 ? '' : 's'})`);
      try {
        const shot = await renderWorldSnapshot({ width: 480, height: 320, items, background: '#9fb8cf', grid: true }, { runDir: runDirOf(ctx.dataDir) });
        writeFileSync(thumbnailPath, shot.png);
        out.thumbnailPath = thumbnailPath;
        if (shot.warnings.length) out.notes = shot.warnings.slice(0, 5);
      } catch (err) {
        // The recipe is the prefab; a thumbnail that cannot be drawn here (no Chromium) is said, not faked.
        if (ctx.signal.aborted) throw err;
        out.notes = [`No thumbnail: drawing the prefab failed (${(err as Error).message.slice(0, 300)})`];
        ctx.log('warn', out.notes[0]!);
      }
    }
  }
  ctx.progress(1, 'Handing the files to the host for upload');
  return out;
};
