import { selectLlm } from '../../providers/llm/select.js';
import type { LlmClient } from '../../providers/llm/types.js';
import { ProviderError } from '../../providers/types.js';
import type { TaskContext } from '../../task-context.js';

/** The LLM a video text job asks, or none and why. */
export type VideoLlm = { client: LlmClient } | { client: null; fallbackReason: string | null };

/**
 * Picks the LLM of a video text job. 'embedded' asks for none. An explicit provider must work:
 * its ProviderError propagates and fails the job. 'auto' takes the Settings choice or the first
 * usable provider; when none is usable (or the one Settings names fails) the caller's offline path
 * runs and fallbackReason says why. fallbackReason is null when no LLM was the plan (asked for,
 * or Settings chose an embedded default).
 */
export async function chooseVideoLlm(provider: string, ctx: TaskContext): Promise<VideoLlm> {
  if (provider === 'embedded') return { client: null, fallbackReason: null };
  const skipped: string[] = [];
  try {
    const client = await selectLlm(ctx.providers, {
      capability: 'llm',
      choice: provider === 'auto' ? undefined : (provider as 'ollama'),
      signal: ctx.signal,
      client: { log: ctx.log },
      log: (level, message) => {
        ctx.log(level, message);
        skipped.push(message);
      },
    });
    if (client) return { client };
  } catch (err) {
    if (ctx.signal.aborted || provider !== 'auto' || !(err instanceof ProviderError)) throw err;
    return { client: null, fallbackReason: `The LLM chosen in Settings is not usable: ${err.message}` };
  }
  if (ctx.providers.choice.llm && ctx.providers.choice.llm !== 'auto') return { client: null, fallbackReason: null };
  return { client: null, fallbackReason: skipped.at(-1) ?? 'No LLM provider is configured' };
}
