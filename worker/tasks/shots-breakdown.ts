import type { ShotsBreakdownInput, ShotsBreakdownOutput } from '../../shared/jobs/shots-breakdown.js';
import { roundSeconds, sceneLines, secondsFromLines } from '../../shared/shots/duration.js';
import { sceneToFountain } from '../../shared/shots/to-fountain.js';
import { selectLlm } from '../providers/llm/select.js';
import { ProviderError } from '../providers/types.js';
import { heuristicBreakdown } from '../shots/breakdown-heuristic.js';
import { llmBreakdown } from '../shots/breakdown-llm.js';
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

  if (input.provider === 'heuristic') {
    ctx.log('info', 'Breakdown: the offline heuristic, as requested');
    return offline(null);
  }
  const skipped: string[] = [];
  const client = await selectLlm(ctx.providers, {
    capability: 'llm',
    choice: input.provider === 'auto' ? undefined : input.provider,
    signal: ctx.signal,
    client: { log: ctx.log },
    log: (level, message) => {
      ctx.log(level, message);
      skipped.push(message);
    },
  });
  if (!client) {
    // Settings chose an embedded default for text: that is the plan, not a fallback.
    if (ctx.providers.choice.llm && ctx.providers.choice.llm !== 'auto') return offline(null);
    return offline(skipped.at(-1) ?? 'No LLM provider is configured');
  }
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
