import { z } from 'zod';

/**
 * The video studio's script (seed 002 "Prompt templates": the screenwriter's JSON): a title and
 * ordered scenes, each with what is seen (description), how it is framed (camera), how long it
 * runs, what happens (actions) and what is said (dialog: narration when there is no speaker).
 * Written by the LLM or the offline writer (video.script), edited by the user, rendered scene by
 * scene (video.render). One source of truth for every layer.
 */

export const MAX_TITLE_CHARS = 200;
export const MAX_SCENES = 40;
export const MAX_DESCRIPTION_CHARS = 2000;
export const MAX_CAMERA_CHARS = 80;
export const MAX_ACTIONS = 12;
export const MAX_ACTION_CHARS = 300;
export const MAX_DIALOG_LINES = 20;
export const MAX_LINE_CHARS = 1000;
export const MAX_SPEAKER_CHARS = 60;
/** A scene shorter than this cannot carry a visual or a spoken word; longer than this is a film, not a scene. */
export const MIN_SCENE_SEC = 0.5;
export const MAX_SCENE_SEC = 120;
/** Whole-script ceiling (ten minutes): the studio makes short videos; a bench renders 60 s. */
export const MAX_TOTAL_SEC = 600;
/** Seed "Real 7s pipeline": seven seconds unless the user asks otherwise. */
export const DEFAULT_DURATION_TARGET_SEC = 7;
export const MIN_DURATION_TARGET_SEC = 2;
export const MAX_DURATION_TARGET_SEC = 300;

/** Shot sizes the writers choose from; `camera` stays free text so an edited or LLM value survives. */
export const CAMERA_SHOTS = ['extreme_wide', 'wide', 'medium', 'close', 'extreme_close', 'over_shoulder', 'aerial', 'pov'] as const;
export type CameraShot = (typeof CAMERA_SHOTS)[number];
/** Camera moves the visuals renderer understands (pan/zoom/orbit of a keyframe or shader camera). */
export const CAMERA_MOVES = ['static', 'slow_pan', 'pan_left', 'pan_right', 'tilt_up', 'tilt_down', 'dolly_in', 'dolly_out', 'zoom_in', 'zoom_out', 'orbit', 'tracking', 'handheld'] as const;
export type CameraMove = (typeof CAMERA_MOVES)[number];

/** Scene ids are short slugs ("s1") so they travel in URLs (PATCH /videos/:id/scenes/:sceneId). */
export const SceneId = z
  .string()
  .regex(/^[A-Za-z0-9_-]{1,40}$/, 'a scene id is 1–40 letters, digits, "_" or "-"')
  .describe('Stable scene identifier, unique within the script');

const Text = (max: number, what: string) =>
  z.string().trim().min(1, `${what} must not be empty`).max(max, `${what} is at most ${max} characters`);

export const DialogLine = z.object({
  /** Absent: narration (the voice-over); present: a character's line. */
  speaker: Text(MAX_SPEAKER_CHARS, 'speaker').optional(),
  text: Text(MAX_LINE_CHARS, 'a dialog line'),
});
export type DialogLine = z.infer<typeof DialogLine>;

export const VideoScene = z.object({
  id: SceneId,
  description: Text(MAX_DESCRIPTION_CHARS, 'scene description').describe('What is seen: setting, subject, light, colour'),
  camera: Text(MAX_CAMERA_CHARS, 'camera').describe('Shot type and camera move, e.g. "wide, slow_pan"'),
  durationSec: z.number().finite().min(MIN_SCENE_SEC).max(MAX_SCENE_SEC).describe('Planned scene length in seconds; speech may lengthen it'),
  actions: z.array(Text(MAX_ACTION_CHARS, 'an action')).max(MAX_ACTIONS),
  dialog: z.array(DialogLine).max(MAX_DIALOG_LINES),
});
export type VideoScene = z.infer<typeof VideoScene>;

export const VideoScript = z
  .object({
    title: Text(MAX_TITLE_CHARS, 'title'),
    scenes: z.array(VideoScene).min(1, 'a script has at least one scene').max(MAX_SCENES, `a script has at most ${MAX_SCENES} scenes`),
  })
  .superRefine((script, ctx) => {
    const seen = new Set<string>();
    script.scenes.forEach((scene, i) => {
      if (seen.has(scene.id)) ctx.addIssue({ code: 'custom', path: ['scenes', i, 'id'], message: `duplicate scene id "${scene.id}"` });
      seen.add(scene.id);
    });
    const total = scriptDurationSec(script);
    if (total > MAX_TOTAL_SEC) ctx.addIssue({ code: 'custom', path: ['scenes'], message: `the script runs ${total.toFixed(1)} s; at most ${MAX_TOTAL_SEC} s` });
  });
export type VideoScript = z.infer<typeof VideoScript>;

/** Planned length of the script: the sum of scene durations (speech measured at render time may add to it). */
export function scriptDurationSec(script: Pick<VideoScript, 'scenes'>): number {
  return script.scenes.reduce((sum, scene) => sum + scene.durationSec, 0);
}

/** Start time of each scene in the planned timeline (chapters before the render measures speech). */
export function sceneStartsSec(script: Pick<VideoScript, 'scenes'>): number[] {
  const starts: number[] = [];
  let t = 0;
  for (const scene of script.scenes) {
    starts.push(t);
    t += scene.durationSec;
  }
  return starts;
}

/** Every spoken line of the script in order, with the scene it belongs to. */
export function scriptLines(script: Pick<VideoScript, 'scenes'>): { sceneId: string; speaker?: string; text: string }[] {
  return script.scenes.flatMap((scene) => scene.dialog.map((line) => ({ sceneId: scene.id, ...(line.speaker ? { speaker: line.speaker } : {}), text: line.text })));
}

/**
 * Canonical text of one scene for a content hash: keys in a fixed order, whitespace trimmed, so
 * the same scene hashes the same however it was produced or re-serialised. The id is left out on
 * purpose: moving or renaming a scene must not invalidate its rendered pieces.
 */
export function sceneHashInput(scene: VideoScene): string {
  return JSON.stringify([
    scene.description.trim(),
    scene.camera.trim(),
    Number(scene.durationSec.toFixed(3)),
    scene.actions.map((a) => a.trim()),
    scene.dialog.map((d) => [d.speaker?.trim() ?? null, d.text.trim()]),
  ]);
}

/** Canonical text of the spoken part of a scene only (a voice-track cache key that ignores visuals). */
export function sceneSpeechHashInput(scene: Pick<VideoScene, 'dialog'>): string {
  return JSON.stringify(scene.dialog.map((d) => [d.speaker?.trim() ?? null, d.text.trim()]));
}

/**
 * The shot type and move named in a free-text camera value ("Close-up, slow pan" → close /
 * slow_pan). Unknown words give null: the renderer picks its own default and says so.
 */
export function parseCamera(camera: string): { shot: CameraShot | null; move: CameraMove | null } {
  const norm = camera.toLowerCase().replace(/[^a-z]+/g, '_');
  const shot =
    (['extreme_close', 'extreme_wide', 'over_shoulder', 'aerial', 'pov', 'close', 'medium', 'wide'] as const).find((s) => norm.includes(s)) ??
    (/(establishing|long_shot|panorama)/.test(norm) ? 'wide' : /(drone|bird)/.test(norm) ? 'aerial' : /(macro|detail)/.test(norm) ? 'extreme_close' : null);
  const move =
    ([...CAMERA_MOVES].sort((a, b) => b.length - a.length) as CameraMove[]).find((m) => norm.includes(m)) ??
    (/push_in|push/.test(norm) ? 'dolly_in' : /pull_back|pull_out/.test(norm) ? 'dolly_out' : /pan/.test(norm) ? 'slow_pan' : /track|follow/.test(norm) ? 'tracking' : /zoom/.test(norm) ? 'zoom_in' : /still|locked/.test(norm) ? 'static' : null);
  return { shot, move };
}

/** A scene id not yet used in the script ("s1", "s2", …) for an added scene. */
export function nextSceneId(script: Pick<VideoScript, 'scenes'>): string {
  const used = new Set(script.scenes.map((s) => s.id));
  for (let n = script.scenes.length + 1; ; n++) if (!used.has(`s${n}`)) return `s${n}`;
}
