import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { ShotsVeoSubmitInput, ShotsVeoSubmitOutput } from '../../shared/jobs/shots-veo-submit.js';
import { toVeoRequest, VEO_MODEL } from '../../shared/shots/veo.js';
import { generateVeoClip } from '../shots/veo-client.js';
import type { TaskHandler } from '../task-context.js';

/** Veo usually takes 1–6 minutes; progress creeps towards 0.9 on this scale and never claims done early. */
const EXPECTED_MS = 3 * 60_000;

/**
 * shots.veo_submit: the shot's payload to the Gemini API's Veo 3.1 operation, polled until done,
 * the MP4 downloaded into workDir (the host hook stores it with provenance). One attempt only:
 * every submit is billed. No key: a failure that says where to add one.
 */
export const shotsVeoSubmitTask: TaskHandler<ShotsVeoSubmitInput, ShotsVeoSubmitOutput> = async (input, ctx) => {
  const apiKey = ctx.providers.gemini.apiKey;
  if (!apiKey) throw new Error('No Gemini API key is configured: add a Gemini API key in Settings → Providers (or set GEMINI_API_KEY); nothing was sent to Veo');
  const request = await toVeoRequest(input.payload, 'gemini', async (mediaId) => {
    const path = input.images[mediaId];
    if (!path) throw new Error(`The reference image ${mediaId} was not handed to the job`);
    return readFile(path);
  });
  ctx.progress(0.05, `Submitting to Veo 3.1 (${VEO_MODEL.gemini})`);
  const clip = await generateVeoClip(request, join(ctx.workDir, 'veo.mp4'), {
    apiKey,
    baseUrl: ctx.providers.gemini.url,
    signal: ctx.signal,
    pollMs: Number(process.env.AUTEUR_VEO_POLL_MS) || 10_000,
    onPoll: (polls, elapsed) => ctx.progress(0.1 + 0.8 * (1 - Math.exp(-elapsed / EXPECTED_MS)), `Veo is generating (poll ${polls}, ${Math.round(elapsed / 1000)} s)`),
  });
  ctx.progress(0.95, `Downloaded the clip (${clip.bytes} bytes)`);
  return { shotId: input.shotId, path: clip.path, bytes: clip.bytes, mime: 'video/mp4', provider: 'veo', model: clip.model, operation: clip.operation };
};
