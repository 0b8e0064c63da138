import { z } from 'zod';
import { Id } from '../schemas/common.js';
import { defineJobKind } from './define.js';

/** Shot sizes the breakdown uses (the LLM must pick one; the heuristic reads them from cues). */
export const SHOT_TYPES = ['ESTABLISHING', 'WIDE', 'FULL', 'MEDIUM', 'CLOSE-UP', 'EXTREME CLOSE-UP', 'OVER THE SHOULDER', 'TWO SHOT', 'INSERT', 'POV', 'TRACKING', 'AERIAL'] as const;
export const ShotType = z.enum(SHOT_TYPES);
export type ShotType = z.infer<typeof ShotType>;

/** Who writes the shots: an LLM (chosen here or in Settings), or the offline heuristic. */
export const BreakdownProvider = z.enum(['auto', 'heuristic', 'ollama', 'openai-compatible', 'anthropic', 'openai']);
export type BreakdownProvider = z.infer<typeof BreakdownProvider>;

export const BreakdownShot = z.object({
  description: z.string().trim().min(1).max(1000).describe('What the camera sees, in present tense, from the script only'),
  duration: z.number().min(0.5).max(120).describe('Estimated screen time in seconds'),
  shotType: ShotType,
  camera: z.string().trim().min(1).max(200).describe('Camera movement or angle, e.g. "static", "slow push in", "handheld"'),
  characters: z.array(z.string().trim().min(1).max(100)).max(20).describe('Characters visible in the shot, as named in the script'),
});
export type BreakdownShot = z.infer<typeof BreakdownShot>;

export const ShotsBreakdownInput = z.object({
  sceneId: Id,
  slugline: z.string().trim().min(1).max(300),
  /** The scene as Fountain text (scenes.raw_content: sceneToFountain of the parsed scene). */
  rawContent: z.string().max(1_000_000),
  provider: BreakdownProvider.default('auto'),
});
export type ShotsBreakdownInput = z.infer<typeof ShotsBreakdownInput>;

export const ShotsBreakdownOutput = z.object({
  sceneId: Id,
  shots: z.array(BreakdownShot),
  /** 'heuristic' is the offline breakdown, labelled as such wherever it is shown. */
  source: z.enum(['llm', 'heuristic']),
  provider: z.string(),
  model: z.string(),
  /** LLM answers sent (1 + repairs); 0 for the heuristic. */
  attempts: z.number().int().min(0),
  /** Why an LLM breakdown was wanted ("auto") but the heuristic wrote it (null otherwise). */
  fallbackReason: z.string().nullable(),
  /** Estimated scene length by the one-page-per-minute rule. */
  sceneSeconds: z.number().min(0),
});
export type ShotsBreakdownOutput = z.infer<typeof ShotsBreakdownOutput>;

export const shotsBreakdown = defineJobKind({
  kind: 'shots.breakdown',
  title: 'Break a scene into shots',
  description:
    'The LLM as Script Supervisor turns a scene into shots (description, duration, shot type, camera, characters), validated and repaired up to twice; without a usable LLM the offline heuristic does (action paragraphs and dialogue exchanges, page-per-minute timing, shot types from cues).',
  resource: 'cpu',
  input: ShotsBreakdownInput,
  output: ShotsBreakdownOutput,
  // Repairs are internal; a second attempt would only ask the same model again.
  maxAttempts: 1,
  timeoutMs: 8 * 60_000,
  verdict: (out) => {
    if (!out.shots.length) return { outcome: 'problems', message: 'The scene has no action or dialogue to shoot, so no shots were made' };
    if (out.fallbackReason) return { outcome: 'problems', message: `The offline breakdown wrote these ${out.shots.length} shots, not an LLM. ${out.fallbackReason}` };
    return { outcome: 'succeeded' };
  },
});
