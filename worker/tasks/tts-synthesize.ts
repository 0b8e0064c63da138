import { copyFileSync } from 'node:fs';
import { join } from 'node:path';
import type { TtsSynthesizeInput, TtsSynthesizeOutput } from '../../shared/jobs/tts-synthesize.js';
import { planTts, synthesizeSpeech } from '../providers/tts/select.js';
import { fileRef } from '../media/file-ref.js';
import { throwIfCancelled, type TaskHandler } from '../task-context.js';

/** Text → speech file in the job folder (the host hook stores it with provider and model). */
export const ttsSynthesizeTask: TaskHandler<TtsSynthesizeInput, TtsSynthesizeOutput> = async (input, ctx) => {
  ctx.progress(0.05, 'Choosing a voice');
  const plan = await planTts(ctx.providers, { choice: input.provider ?? null, voice: input.voice ?? null, signal: ctx.signal });
  ctx.log('info', `${plan.provider} (${plan.model}), voice ${plan.voice}: ${plan.reason}`);
  ctx.progress(0.1, `Synthesizing with ${plan.provider}`);
  const speech = await synthesizeSpeech(plan, { text: input.text, rate: input.rate }, { dataDir: ctx.dataDir, signal: ctx.signal });
  throwIfCancelled(ctx.signal);
  // The cache keeps its copy; the hook moves this one into the media store.
  const out = join(ctx.workDir, `speech.${speech.ext}`);
  copyFileSync(speech.path, out);
  ctx.log('info', `${speech.durationSec.toFixed(2)} s of audio${speech.cached ? ' (from the speech cache)' : ''}`);
  ctx.progress(1, 'Done');
  return {
    audio: fileRef(out, speech.provider, speech.model),
    mime: speech.mime,
    durationSec: speech.durationSec,
    sampleRate: speech.sampleRate,
    provider: speech.provider,
    model: speech.model,
    voice: speech.voice,
    cached: speech.cached,
    reason: plan.reason,
  };
};
