import type { VideoTranslateInput, VideoTranslateOutput } from '../../shared/jobs/video-translate.js';
import type { TaskHandler } from '../task-context.js';
import { chooseVideoLlm } from '../video/script/choose-llm.js';
import { languageName } from '../video/script/language.js';
import { translateScript } from '../video/script/translate.js';

/** The sentence a job without an LLM fails with: there is no offline translation. */
export function needsLlmMessage(reason: string | null): string {
  return `Translating a script needs an LLM, and none is usable${reason ? `: ${reason}` : ' (Settings → Providers chose the embedded default for text)'}. Configure Ollama, an OpenAI-compatible server, Anthropic or OpenAI in Settings → Providers`;
}

/** video.translate: the script's title and lines in another language, by an LLM only. */
export const videoTranslateTask: TaskHandler<VideoTranslateInput, VideoTranslateOutput> = async (input, ctx) => {
  ctx.progress(0.05, 'translating: choosing the LLM');
  const llm = await chooseVideoLlm(input.provider, ctx);
  if (!llm.client) throw new Error(needsLlmMessage(llm.fallbackReason));
  const { client } = llm;
  ctx.progress(0.2, `translating: ${client.label} (${client.model}) into ${languageName(input.to)}`);
  const res = await translateScript(client, input.script, input.from, input.to, { signal: ctx.signal });
  for (const w of res.warnings) ctx.log('warn', w);
  ctx.progress(1, `translating: ${res.script.scenes.length} scenes in ${languageName(input.to)} by ${res.provider} (${res.model})`);
  return { script: res.script, from: input.from, language: input.to, provider: res.provider, model: res.model, attempts: res.attempts, warnings: res.warnings };
};
