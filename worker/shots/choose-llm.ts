import type { BreakdownProvider } from '../../shared/jobs/shots-breakdown.js';
import { selectLlm } from '../providers/llm/select.js';
import type { LlmClient } from '../providers/llm/types.js';
import type { TaskContext } from '../task-context.js';

/** The LLM a shots job asks, or its offline writer and why. */
export type ShotsWriter = { client: LlmClient } | { client: null; fallbackReason: string | null };

/**
 * Picks the writer of a shots job: 'heuristic' asks for the offline writer; an explicit provider
 * or Settings/"auto" picks an LLM. fallbackReason is null when the offline writer is the plan
 * (asked for, or Settings chose the embedded default) and names why when "auto" found no usable LLM.
 */
export async function chooseShotsLlm(provider: BreakdownProvider, ctx: TaskContext): Promise<ShotsWriter> {
  if (provider === 'heuristic') return { client: null, fallbackReason: null };
  const skipped: string[] = [];
  const client = await selectLlm(ctx.providers, {
    capability: 'llm',
    choice: provider === 'auto' ? undefined : provider,
    signal: ctx.signal,
    client: { log: ctx.log },
    log: (level, message) => {
      ctx.log(level, message);
      skipped.push(message);
    },
  });
  if (client) return { client };
  // Settings chose an embedded default for text: that is the plan, not a fallback.
  if (ctx.providers.choice.llm && ctx.providers.choice.llm !== 'auto') return { client: null, fallbackReason: null };
  return { client: null, fallbackReason: skipped.at(-1) ?? 'No LLM provider is configured' };
}
