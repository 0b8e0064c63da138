import { z } from 'zod';
import { VideoScript } from '../video/script.js';
import { defineJobKind } from './define.js';
import { LanguageTag } from './video-script.js';

/** Translation needs a real LLM: there is no embedded choice (no fake translation). */
export const VideoTranslateProvider = z.enum(['auto', 'ollama', 'openai-compatible', 'anthropic', 'openai']);
export type VideoTranslateProvider = z.infer<typeof VideoTranslateProvider>;

export const VideoTranslateInput = z
  .object({
    script: VideoScript,
    from: LanguageTag.default('en'),
    to: LanguageTag,
    provider: VideoTranslateProvider.default('auto'),
  })
  .refine((v) => v.from.toLowerCase() !== v.to.toLowerCase(), { path: ['to'], message: 'the script is already in that language' });
export type VideoTranslateInput = z.infer<typeof VideoTranslateInput>;

export const VideoTranslateOutput = z.object({
  /**
   * Same scene ids, order, cameras, durations, descriptions and actions (the visuals do not
   * change with the dub); title, speakers' lines and narration are in the target language.
   */
  script: VideoScript,
  from: z.string(),
  language: z.string(),
  provider: z.string(),
  model: z.string(),
  attempts: z.number().int().min(1),
  warnings: z.array(z.string()),
});
export type VideoTranslateOutput = z.infer<typeof VideoTranslateOutput>;

export const videoTranslate = defineJobKind({
  kind: 'video.translate',
  title: 'Translate a video script',
  description:
    'The LLM translates the title and every spoken line of a script into another language, keeping scene ids, line counts and timing (validated, repaired up to twice). Without a usable LLM the job fails saying translation needs one: there is no offline translation.',
  resource: 'cpu',
  input: VideoTranslateInput,
  output: VideoTranslateOutput,
  maxAttempts: 1,
  timeoutMs: 8 * 60_000,
});
