import type { ShotsBreakdownInput, ShotsBreakdownOutput } from '../../shared/jobs/shots-breakdown.js';
import { roundSeconds, sceneLines, secondsFromLines } from '../../shared/shots/duration.js';
import { sceneToFountain } from '../../shared/shots/to-fountain.js';
import { ProviderError } from '../providers/types.js';
import { heuristicBreakdown } from '../shots/breakdown-heuristic.js';
import { llmBreakdown } from '../shots/breakdown-llm.js';
import { chooseShotsLlm } from '../shots/choose-llm.js';
import { sceneFromSource } from '../shots/scene-source.js';
import type { TaskHandler } from '../task-context.js';

/**
 * shots.breakdown: one scene → shots. An LLM (explicit choice, or Settings/"auto") as Script
 * Supervisor, zod-validated with up to two repairs; the offline heuristic when asked for, when
 * Settings chose the embedded default, or when "auto" finds no usable LLM or the LLM never
 * answers validly (then the reason is returned and the job is completed with problems).
 */
export const shotsBreakdownTask: TaskHandler<ShotsBreakdownInput, ShotsBreakdownOutput> = async (input, ctx) => {
  ctx.progress(0.05, `Reading ${input.slugline}`);
  const scene = sceneFromSource(input.slugline, input.rawContent);
  const sceneSeconds = roundSeconds(secondsFromLines(sceneLines(scene)));
  const base = { sceneId: input.sceneId, sceneSeconds };
  const offline = (fallbackReason: string | null): ShotsBreakdownOutput => {
    const shots = heuristicBreakdown(scene);
    ctx.progress(1, `Offline breakdown: ${shots.length} shot${shots.length === 1 ? '' : 's'}`);
    return { ...base, shots, source: 'heuristic', provider: 'heuristic', model: 'offline-breakdown-v1', attempts: 0, fallbackReason };
  };

  if (input.provider === 'heuristic') ctx.log('info', 'Breakdown: the offline heuristic, as requested');
  const writer = await chooseShotsLlm(input.provider, ctx);
  if (!writer.client) return offline(writer.fallbackReason);
  const { client } = writer;
  ctx.progress(0.2, `Asking ${client.label} (${client.model}) for the shots of ${input.slugline}`);
  try {
    const res = await llmBreakdown(client, input.slugline, sceneToFountain(scene), { signal: ctx.signal });
    ctx.progress(1, `${res.shots.length} shots by ${res.provider} (${res.model})${res.attempts > 1 ? ` after ${res.attempts - 1} repair${res.attempts > 2 ? 's' : ''}` : ''}`);
    return { ...base, shots: res.shots, source: 'llm', provider: res.provider, model: res.model, attempts: res.attempts, fallbackReason: null };
  } catch (err) {
    if (ctx.signal.aborted || !(err instanceof ProviderError) || input.provider !== 'auto') throw err;
    ctx.log('warn', `The LLM breakdown failed (${err.message}); the offline breakdown is used instead`);
    return offline(`${client.label} (${client.model}) did not give a valid breakdown: ${err.message}`);
  }
};
