import { z } from 'zod';
import { defineJobKind } from './define.js';

/** Ollama model references: name[:tag], optionally with a registry/namespace path. */
export const OllamaModelName = z
  .string()
  .trim()
  .min(1, 'name the model to pull, e.g. llama3.2:3b')
  .max(200)
  .regex(/^[A-Za-z0-9][A-Za-z0-9._\-/:@]*$/, 'is not an Ollama model name (e.g. llama3.2:3b or nomic-embed-text)');

export const ProviderOllamaPullInput = z.object({ model: OllamaModelName });
export const ProviderOllamaPullOutput = z.object({
  model: z.string(),
  /** The Ollama server it was pulled into. */
  url: z.string(),
  status: z.string().describe('Last status line from Ollama ("success")'),
});
export type ProviderOllamaPullOutput = z.infer<typeof ProviderOllamaPullOutput>;

export const providerOllamaPull = defineJobKind({
  kind: 'provider.ollama.pull',
  title: 'Pull an Ollama model',
  description: "Downloads a model into the configured Ollama server (POST /api/pull), with progress from Ollama's stream.",
  resource: 'io',
  input: ProviderOllamaPullInput,
  output: ProviderOllamaPullOutput,
  // Ollama resumes partial downloads, so a retry after a dropped connection continues.
  maxAttempts: 3,
  timeoutMs: 6 * 60 * 60 * 1000,
});
