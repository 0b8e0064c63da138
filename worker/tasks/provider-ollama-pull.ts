import type { z } from 'zod';
import type { ProviderOllamaPullInput, ProviderOllamaPullOutput } from '../../shared/jobs/provider-ollama-pull.js';
import { pullModel } from '../providers/llm/ollama-admin.js';
import type { TaskHandler } from '../task-context.js';

/** Ollama sends dozens of lines a second while downloading; the job row needs a few updates a second. */
const REPORT_MS = 250;

/** provider.ollama.pull: downloads a model into the Ollama server the effective settings point at. */
export const providerOllamaPullTask: TaskHandler<z.infer<typeof ProviderOllamaPullInput>, ProviderOllamaPullOutput> = async (input, ctx) => {
  const url = ctx.providers.ollama.url;
  ctx.log('info', `pulling ${input.model} into Ollama at ${url}`);
  ctx.progress(0, `asking Ollama at ${url} for ${input.model}`);
  let last = 0;
  let lastStatus = '';
  await pullModel(
    url,
    input.model,
    (fraction, status) => {
      const now = Date.now();
      if (fraction < 1 && status === lastStatus && now - last < REPORT_MS) return;
      last = now;
      lastStatus = status;
      ctx.progress(fraction, status);
    },
    ctx.signal,
  );
  ctx.log('info', `pulled ${input.model} into ${url}`);
  return { model: input.model, url, status: 'success' };
};
