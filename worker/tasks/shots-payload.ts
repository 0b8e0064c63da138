import type { ShotsPayloadInput, ShotsPayloadOutput } from '../../shared/jobs/shots-payload.js';
import { chooseShotsLlm } from '../shots/choose-llm.js';
import { buildPayload, shotContext, templatePrompt } from '../shots/payload-template.js';
import { llmPrompt } from '../shots/payload-llm.js';
import type { TaskHandler } from '../task-context.js';

/**
 * shots.payload: the Veo 3.1 request of one shot. An LLM writes the prompt from the shot and its
 * ingredients (validated, retried twice; an answer that never validates fails the job with the
 * reason, the shot stays editable); the deterministic template writes it when asked for, when
 * Settings chose the embedded default, or when "auto" finds no usable LLM (labelled, with why).
 */
export const shotsPayloadTask: TaskHandler<ShotsPayloadInput, ShotsPayloadOutput> = async (input, ctx) => {
  const context = shotContext(input);
  const template = (fallbackReason: string | null): ShotsPayloadOutput => {
    const payload = buildPayload(input, templatePrompt(input));
    ctx.progress(1, 'Veo request written by the offline template');
    return { shotId: input.shotId, payload, source: 'template', provider: 'template', model: 'veo-template-v1', attempts: 0, context, fallbackReason };
  };
  const writer = await chooseShotsLlm(input.provider, ctx);
  if (!writer.client) return template(writer.fallbackReason);
  const { client } = writer;
  ctx.progress(0.2, `Asking ${client.label} (${client.model}) for the Veo prompt`);
  const res = await llmPrompt(client, input, context, ctx.signal);
  const payload = buildPayload(input, res.prompt, res.negativePrompt);
  ctx.progress(1, `Veo request written by ${res.provider} (${res.model})`);
  return { shotId: input.shotId, payload, source: 'llm', provider: res.provider, model: res.model, attempts: res.attempts, context, fallbackReason: null };
};
