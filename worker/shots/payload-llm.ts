import { z } from 'zod';
import type { ShotsPayloadInput } from '../../shared/jobs/shots-payload.js';
import type { LlmClient } from '../providers/llm/types.js';

export const PAYLOAD_SYSTEM_PROMPT = [
  'You write the text prompt of a Google Veo 3.1 video generation request for one shot of a film.',
  'Use ONLY the facts you are given: the shot description, shot type, camera, setting, characters and the reference images with their names and descriptions.',
  'Do not add anything that is not in those facts: no new characters, props, clothing, colours, weather, lighting, time of day or events.',
  'Map each reference image to its role in the prompt by name (e.g. "Mara, the woman from reference image 1"). Describe framing and camera movement first, then subject and action, then setting.',
  'negativePrompt: only things the facts explicitly exclude, else null.',
].join('\n');

/** The LLM writes the text fields only; ids, images and parameters stay deterministic. */
export function payloadAnswer(input: ShotsPayloadInput) {
  const names = input.ingredients.filter((i) => i.type === 'Character' || i.type === 'Object').map((i) => i.name);
  return z
    .object({
      prompt: z.string().trim().min(20).max(4000),
      negativePrompt: z.string().trim().max(2000).nullable(),
    })
    .superRefine((a, ctx) => {
      // A prompt that drops a slotted character or object would generate without its reference.
      const missing = names.filter((n) => !a.prompt.toLowerCase().includes(n.toLowerCase()));
      if (missing.length) ctx.addIssue({ code: 'custom', path: ['prompt'], message: `the prompt must name every character/object reference by name; missing: ${missing.join(', ')}` });
    });
}

export async function llmPrompt(client: LlmClient, input: ShotsPayloadInput, context: string, signal?: AbortSignal) {
  const res = await client.json(payloadAnswer(input), {
    name: 'veo_prompt',
    system: PAYLOAD_SYSTEM_PROMPT,
    messages: [{ role: 'user', content: context }],
    // Low temperature: the same facts should give the same request.
    temperature: 0.2,
    maxRepairs: 2,
    signal,
  });
  return { prompt: res.value.prompt, negativePrompt: res.value.negativePrompt, provider: res.provider, model: res.model, attempts: res.attempts };
}
