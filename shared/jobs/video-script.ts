import { z } from 'zod';
import {
  DEFAULT_DURATION_TARGET_SEC,
  MAX_DURATION_TARGET_SEC,
  MAX_SCENE_SEC,
  MAX_SCENES,
  MAX_TITLE_CHARS,
  MIN_DURATION_TARGET_SEC,
  VideoScript,
} from '../video/script.js';
import { defineJobKind } from './define.js';

/** Longest prompt the writers take: a page or two of brief; a 50 kB paste is refused by name. */
export const MAX_PROMPT_CHARS = 8000;

/** Who writes the script: an LLM (chosen here or in Settings), or the embedded offline writer. */
export const VideoWriterProvider = z.enum(['auto', 'embedded', 'ollama', 'openai-compatible', 'anthropic', 'openai']);
export type VideoWriterProvider = z.infer<typeof VideoWriterProvider>;

/** A BCP-47 language tag as the UI sends it ("en", "es", "pt-BR"). */
export const LanguageTag = z
  .string()
  .trim()
  .regex(/^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$/, 'a language is a BCP-47 tag such as "en", "es" or "pt-BR"');

export const VideoPrompt = z
  .string()
  .trim()
  .min(1, 'the prompt is empty: describe the video you want')
  .max(MAX_PROMPT_CHARS, { error: (iss) => `the prompt is ${typeof iss.input === 'string' ? iss.input.length : 'too many'} characters; at most ${MAX_PROMPT_CHARS} characters are accepted` })
  .regex(/[\p{L}\p{N}]/u, 'the prompt has no words: describe the video you want');

export const VideoScriptInput = z
  .object({
    prompt: VideoPrompt,
    title: z.string().trim().min(1).max(MAX_TITLE_CHARS).optional(),
    /** Style preset ("cinematic", "documentary", …): tone for the writer, look for the visuals. */
    style: z.string().trim().min(1).max(60).default('cinematic'),
    language: LanguageTag.default('en'),
    durationTarget: z.number().finite().min(MIN_DURATION_TARGET_SEC).max(MAX_DURATION_TARGET_SEC).default(DEFAULT_DURATION_TARGET_SEC),
    /** Absent: the writer picks (about one scene per 3–4 s). */
    sceneCount: z.number().int().min(1).max(MAX_SCENES).optional(),
    provider: VideoWriterProvider.default('auto'),
  })
  .superRefine((v, ctx) => {
    if (v.sceneCount && v.durationTarget / v.sceneCount < 1) {
      ctx.addIssue({ code: 'custom', path: ['sceneCount'], message: `${v.sceneCount} scenes do not fit in ${v.durationTarget} s (each scene needs at least 1 s)` });
    }
    if (v.sceneCount && v.sceneCount * MAX_SCENE_SEC < v.durationTarget) {
      ctx.addIssue({ code: 'custom', path: ['sceneCount'], message: `${v.sceneCount} scene${v.sceneCount === 1 ? '' : 's'} cannot fill ${v.durationTarget} s (a scene runs at most ${MAX_SCENE_SEC} s)` });
    }
  });
export type VideoScriptInput = z.infer<typeof VideoScriptInput>;

export const VideoScriptOutput = z.object({
  script: VideoScript,
  /** 'embedded' for the offline writer, else the LLM provider id. */
  provider: z.string(),
  model: z.string(),
  /** True when the offline (procedural) writer wrote it; shown wherever the script is. */
  offline: z.boolean(),
  /** LLM answers sent (1 + repairs); 0 for the offline writer. */
  attempts: z.number().int().min(0),
  /** Why an LLM was wanted ("auto") but the offline writer wrote it; null when that was the plan or an LLM wrote it. */
  fallbackReason: z.string().nullable(),
  language: z.string(),
  durationTarget: z.number(),
  /** Adjustments the writer made (durations rescaled, sentences merged, lines shortened…). */
  warnings: z.array(z.string()),
});
export type VideoScriptOutput = z.infer<typeof VideoScriptOutput>;

export const videoScript = defineJobKind({
  kind: 'video.script',
  title: 'Write a video script',
  description:
    'The LLM as a concise cinematic screenwriter (seed template) turns a prompt into {title, scenes[{id, description, camera, durationSec, actions, dialog}]}, validated and repaired up to twice, durations fitted to the target; without a usable LLM ("auto") or when asked, the embedded offline writer derives the scenes from the prompt\'s own sentences and says so.',
  resource: 'cpu',
  input: VideoScriptInput,
  output: VideoScriptOutput,
  // Repairs are internal; a second attempt would only ask the same model again.
  maxAttempts: 1,
  timeoutMs: 8 * 60_000,
  verdict: (out) => {
    if (out.fallbackReason) return { outcome: 'problems', message: `The offline writer wrote this script, not an LLM. ${out.fallbackReason}` };
    return { outcome: 'succeeded' };
  },
});
