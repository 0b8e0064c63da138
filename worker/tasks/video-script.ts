import type { VideoScriptInput, VideoScriptOutput } from '../../shared/jobs/video-script.js';
import { scriptDurationSec } from '../../shared/video/script.js';
import { ProviderError } from '../providers/types.js';
import type { TaskHandler } from '../task-context.js';
import { chooseVideoLlm } from '../video/script/choose-llm.js';
import { writeLlmScript } from '../video/script/llm-writer.js';
import { OFFLINE_WRITER_MODEL, writeOfflineScript } from '../video/script/offline-writer.js';
import { defaultSceneCount } from '../video/script/timing.js';

/**
 * video.script: prompt → VideoScript. An LLM (explicit choice, or Settings/"auto") with the
 * seed's screenwriter template, zod-validated with up to two repairs; the embedded offline writer
 * when asked for, when Settings chose the embedded default, or when "auto" finds no usable LLM or
 * the LLM never answers validly (then the reason is returned and the job is completed with problems).
 * An explicit provider that fails fails the job with its error.
 */
export const videoScriptTask: TaskHandler<VideoScriptInput, VideoScriptOutput> = async (input, ctx) => {
  const base = { language: input.language, durationTarget: input.durationTarget };
  const offline = (fallbackReason: string | null): VideoScriptOutput => {
    const { script, warnings } = writeOfflineScript(input);
    ctx.progress(1, `generating_script: the offline writer made ${script.scenes.length} scene${script.scenes.length === 1 ? '' : 's'} (${scriptDurationSec(script)} s)`);
    return { ...base, script, provider: 'embedded', model: OFFLINE_WRITER_MODEL, offline: true, attempts: 0, fallbackReason, warnings };
  };

  ctx.progress(0.05, 'generating_script: choosing the writer');
  if (input.provider === 'embedded') ctx.log('info', 'Script: the offline writer, as requested');
  const writer = await chooseVideoLlm(input.provider, ctx);
  if (!writer.client) return offline(writer.fallbackReason);
  const { client } = writer;
  ctx.progress(0.2, `generating_script: asking ${client.label} (${client.model}) for the script`);
  try {
    const res = await writeLlmScript(client, { ...input, suggestedScenes: defaultSceneCount(input.durationTarget) }, { signal: ctx.signal });
    for (const w of res.warnings) ctx.log('info', w);
    ctx.progress(1, `generating_script: ${res.script.scenes.length} scenes by ${res.provider} (${res.model})${res.attempts > 1 ? ` after ${res.attempts - 1} repair${res.attempts > 2 ? 's' : ''}` : ''}`);
    return { ...base, script: res.script, provider: res.provider, model: res.model, offline: false, attempts: res.attempts, fallbackReason: null, warnings: res.warnings };
  } catch (err) {
    if (ctx.signal.aborted || !(err instanceof ProviderError) || input.provider !== 'auto') throw err;
    ctx.log('warn', `The LLM script failed (${err.message}); the offline writer is used instead`);
    return offline(`${client.label} (${client.model}) did not give a valid script: ${err.message}`);
  }
};
