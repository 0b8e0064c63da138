import { CAMERA_MOVES, CAMERA_SHOTS } from '../../../shared/video/script.js';
import { languageName } from './language.js';
import { WORDS_PER_SEC } from './timing.js';

/**
 * The seed's screenwriter template (002 "Prompt templates"), verbatim, with the user's prompt in
 * place of {prompt_text}: it is the user message. The rules the studio needs on top (timing,
 * camera vocabulary, language) go in the system message.
 */
export const SCREENWRITER_TEMPLATE = `You are a concise cinematic screenwriter. Input: {prompt_text}. Output JSON:

{
  "title": "...",
  "scenes": [
    {"id": 1, "description":"...", "duration":8, "camera":"close", "actions":["..."], "dialog":["..."]},
    {"id": 2, "..."}
  ]
}`;

export interface ScreenwriterBrief {
  prompt: string;
  title?: string;
  style: string;
  language: string;
  durationTarget: number;
  sceneCount?: number;
  /** The writer's own count when the user gave none. */
  suggestedScenes: number;
}

export function screenwriterUserMessage(prompt: string): string {
  return SCREENWRITER_TEMPLATE.replace('{prompt_text}', prompt);
}

export function screenwriterSystem(brief: ScreenwriterBrief): string {
  const words = Math.floor(brief.durationTarget * WORDS_PER_SEC);
  const count = brief.sceneCount ? `exactly ${brief.sceneCount} scene${brief.sceneCount === 1 ? '' : 's'}` : `about ${brief.suggestedScenes} scene${brief.suggestedScenes === 1 ? '' : 's'} (1 to ${Math.max(brief.suggestedScenes + 2, 2)})`;
  return [
    'You are a concise cinematic screenwriter for short narrated videos.',
    `Write ${count} whose durations (seconds) add up to ${brief.durationTarget}.`,
    `- description: what the viewer sees — setting, subject, light and colours — in one or two concrete sentences, keeping every detail the prompt gives (names, places, colours); ${brief.style} style.`,
    `- camera: a shot type (${CAMERA_SHOTS.join(', ')}) and a camera move (${CAMERA_MOVES.join(', ')}), e.g. "wide, slow_pan".`,
    '- actions: one to four short present-tense actions seen in the scene.',
    `- dialog: the spoken lines — a plain string is narration (voice-over), {"speaker": "...", "text": "..."} is a character's line. Speech is read at about ${WORDS_PER_SEC} words per second, so a scene of d seconds holds at most ${WORDS_PER_SEC}×d words, about ${words} words in the whole video.`,
    `- Write the title and every dialog line in ${languageName(brief.language)}.`,
    brief.title ? `- The title is "${brief.title}".` : '- title: a short title for the video.',
    'Do not invent facts the prompt contradicts; stay with its subject.',
  ].join('\n');
}
