import { z } from 'zod';
import {
  MAX_ACTION_CHARS,
  MAX_ACTIONS,
  MAX_CAMERA_CHARS,
  MAX_DESCRIPTION_CHARS,
  MAX_DIALOG_LINES,
  MAX_LINE_CHARS,
  MAX_SCENE_SEC,
  MAX_SCENES,
  MAX_SPEAKER_CHARS,
  MAX_TITLE_CHARS,
  VideoScript,
  type DialogLine,
} from '../../../shared/video/script.js';
import type { LlmClient } from '../../providers/llm/types.js';
import { screenwriterSystem, screenwriterUserMessage, type ScreenwriterBrief } from './screenwriter-prompt.js';
import { fitDurations, speechSec } from './timing.js';
import type { WrittenScript } from './offline-writer.js';

const Text = (max: number) => z.string().trim().min(1).max(max);

/** A line as the seed's template has it (a string: narration) or with a speaker. */
const AnswerLine = z.union([Text(MAX_LINE_CHARS), z.object({ speaker: z.string().trim().max(MAX_SPEAKER_CHARS).nullable().optional(), text: Text(MAX_LINE_CHARS) })]);

const AnswerScene = z.object({
  id: z.union([z.number(), z.string()]),
  description: Text(MAX_DESCRIPTION_CHARS),
  duration: z.number().positive().max(300),
  camera: Text(MAX_CAMERA_CHARS),
  actions: z.array(Text(MAX_ACTION_CHARS)).max(MAX_ACTIONS),
  dialog: z.array(AnswerLine).max(MAX_DIALOG_LINES),
});

/**
 * The screenwriter's answer: the seed's JSON shape. A required scene count, and no more scenes
 * than the target holds at 1 s each, are checked here so a wrong answer is sent back to be repaired.
 */
export function screenwriterAnswer(sceneCount: number | undefined, durationTarget: number) {
  const most = Math.min(MAX_SCENES, Math.max(1, Math.floor(durationTarget)));
  const fewest = Math.ceil(durationTarget / MAX_SCENE_SEC);
  return z
    .object({ title: Text(MAX_TITLE_CHARS), scenes: z.array(AnswerScene).min(1).max(MAX_SCENES) })
    .refine((a) => !sceneCount || a.scenes.length === sceneCount, { path: ['scenes'], message: `write exactly ${sceneCount} scenes` })
    .refine((a) => a.scenes.length <= most, { path: ['scenes'], message: `at most ${most} scenes fit in ${durationTarget} s` })
    .refine((a) => a.scenes.length >= fewest, { path: ['scenes'], message: `write at least ${fewest} scenes: a scene runs at most ${MAX_SCENE_SEC} s` });
}
export type ScreenwriterAnswer = z.infer<ReturnType<typeof screenwriterAnswer>>;

export interface LlmWritten extends WrittenScript {
  provider: string;
  model: string;
  attempts: number;
}

/**
 * The answer as a VideoScript: scenes renumbered s1…sN (the model's ids are only its order),
 * durations scaled to add up to the target exactly, a given title kept, and a warning where the
 * lines of a scene take longer to say than the scene lasts (the render lengthens it).
 */
export function answerToScript(answer: ScreenwriterAnswer, brief: Pick<ScreenwriterBrief, 'title' | 'durationTarget'>): WrittenScript {
  const warnings: string[] = [];
  const asked = answer.scenes.reduce((s, sc) => s + sc.duration, 0);
  if (Math.abs(asked - brief.durationTarget) > Math.max(0.5, brief.durationTarget * 0.1)) {
    warnings.push(`The LLM's scenes added up to ${Number(asked.toFixed(1))} s; they were scaled to the ${brief.durationTarget} s target`);
  }
  const durations = fitDurations(answer.scenes.map((s) => s.duration), brief.durationTarget);
  const scenes = answer.scenes.map((s, i) => {
    const dialog: DialogLine[] = s.dialog.map((l) => (typeof l === 'string' ? { text: l } : l.speaker ? { speaker: l.speaker, text: l.text } : { text: l.text }));
    const need = speechSec(dialog.map((l) => l.text));
    if (need > durations[i]! + 0.05) warnings.push(`Scene ${i + 1}: its lines need about ${need.toFixed(1)} s to say, longer than its ${durations[i]} s; the render lengthens the scene to the speech`);
    return { id: `s${i + 1}`, description: s.description, camera: s.camera, durationSec: durations[i]!, actions: s.actions, dialog };
  });
  return { script: VideoScript.parse({ title: brief.title ?? answer.title, scenes }), warnings };
}

/** Prompt → script through the LLM; the client validates with zod and sends errors back up to twice. */
export async function writeLlmScript(client: LlmClient, brief: ScreenwriterBrief, opts: { signal?: AbortSignal }): Promise<LlmWritten> {
  const res = await client.json(screenwriterAnswer(brief.sceneCount, brief.durationTarget), {
    name: 'video_script',
    system: screenwriterSystem(brief),
    messages: [{ role: 'user', content: screenwriterUserMessage(brief.prompt) }],
    temperature: 0.7,
    maxRepairs: 2,
    signal: opts.signal,
  });
  return { ...answerToScript(res.value, brief), provider: res.provider, model: res.model, attempts: res.attempts };
}
