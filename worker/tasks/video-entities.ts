import type { VideoEntitiesInput, VideoEntitiesOutput } from '../../shared/jobs/video-entities.js';
import { ProviderError } from '../providers/types.js';
import type { TaskHandler } from '../task-context.js';
import { chooseVideoLlm } from '../video/script/choose-llm.js';
import { extractEntities } from '../video/script/entities.js';

/**
 * video.entities: named entities of a script by an LLM. Without one (asked for none, or "auto"
 * found none or the LLM failed) the answer is no entities and the reason: there is no offline NER.
 * An explicit provider that fails fails the job.
 */
export const videoEntitiesTask: TaskHandler<VideoEntitiesInput, VideoEntitiesOutput> = async (input, ctx) => {
  const none = (why: string): VideoEntitiesOutput => {
    const reason = `Named-entity extraction needs an LLM: ${why}`;
    ctx.progress(1, `entities: none — ${reason}`);
    return { entities: [], provider: 'embedded', model: 'none', offline: true, attempts: 0, reason, warnings: [] };
  };
  ctx.progress(0.05, 'entities: choosing the LLM');
  const llm = await chooseVideoLlm(input.provider, ctx);
  if (!llm.client) return none(llm.fallbackReason ?? (input.provider === 'embedded' ? 'none was asked for' : 'Settings → Providers chose the embedded default for text'));
  const { client } = llm;
  ctx.progress(0.2, `entities: asking ${client.label} (${client.model})`);
  try {
    const res = await extractEntities(client, input.script, { signal: ctx.signal });
    for (const w of res.warnings) ctx.log('info', w);
    ctx.progress(1, `entities: ${res.entities.length} by ${res.provider} (${res.model})`);
    return { ...res, offline: false, reason: null };
  } catch (err) {
    if (ctx.signal.aborted || !(err instanceof ProviderError) || input.provider !== 'auto') throw err;
    ctx.log('warn', `The LLM entity extraction failed: ${err.message}`);
    return none(`${client.label} (${client.model}) did not give a valid entity list: ${err.message}`);
  }
};
