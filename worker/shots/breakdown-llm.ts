import { z } from 'zod';
import { BreakdownShot, SHOT_TYPES } from '../../shared/jobs/shots-breakdown.js';
import type { LlmClient } from '../providers/llm/types.js';

/** The seed's system prompt (003 §3 Module 2), then the fields this studio stores. */
export const SCRIPT_SUPERVISOR_PROMPT = [
  'You are a Script Supervisor. Break the following screenplay text into a structured JSON array of shots. Identify the action lines that denote visual changes. Ignore dialogue unless it implies visual action.',
  '',
  'For every shot give:',
  '- description: what the camera sees, present tense, using only what the scene text says (no invented props, places, names or events);',
  '- duration: estimated screen time in seconds (one script page is about one minute; a spoken line takes about as long as reading it aloud);',
  `- shotType: one of ${SHOT_TYPES.join(', ')};`,
  '- camera: the camera movement or angle ("static" when the script implies none);',
  '- characters: the characters visible in the shot, spelled as in the script.',
  'Keep the shots in script order and cover the whole scene.',
].join('\n');

export const BreakdownAnswer = z.object({ shots: z.array(BreakdownShot).min(1).max(80) });

export interface LlmBreakdown {
  shots: BreakdownShot[];
  provider: string;
  model: string;
  attempts: number;
}

/** One scene → shots; the client validates with zod and sends errors back up to twice. */
export async function llmBreakdown(client: LlmClient, slugline: string, fountain: string, opts: { signal?: AbortSignal }): Promise<LlmBreakdown> {
  const res = await client.json(BreakdownAnswer, {
    name: 'shot_breakdown',
    system: SCRIPT_SUPERVISOR_PROMPT,
    messages: [{ role: 'user', content: `Scene: ${slugline}\n\n${fountain}` }],
    temperature: 0.3,
    maxRepairs: 2,
    signal: opts.signal,
  });
  return { shots: res.value.shots, provider: res.provider, model: res.model, attempts: res.attempts };
}
