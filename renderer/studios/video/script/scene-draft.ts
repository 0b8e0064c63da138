import type { DialogLine, VideoScene } from '../../../../shared/video/script.js';
import { MAX_SCENE_SEC, MIN_SCENE_SEC } from '../../../../shared/video/script.js';

/** A scene as its editor holds it: text fields, actions one per line, lines as speaker + text pairs. */
export interface SceneDraft {
  description: string;
  camera: string;
  durationSec: string;
  actions: string;
  dialog: Array<{ speaker: string; text: string }>;
}

export const toDraft = (s: VideoScene): SceneDraft => ({
  description: s.description,
  camera: s.camera,
  durationSec: String(s.durationSec),
  actions: s.actions.join('\n'),
  dialog: s.dialog.map((d) => ({ speaker: d.speaker ?? '', text: d.text })),
});

/** The PATCH body of a draft, or the reason it cannot be saved. */
export function fromDraft(d: SceneDraft): { ok: true; body: Omit<VideoScene, 'id'> } | { ok: false; reason: string } {
  const durationSec = Number(d.durationSec);
  if (!d.description.trim()) return { ok: false, reason: 'The scene needs a description.' };
  if (!d.camera.trim()) return { ok: false, reason: 'The scene needs a camera (e.g. "wide, slow_pan").' };
  if (!Number.isFinite(durationSec) || durationSec < MIN_SCENE_SEC || durationSec > MAX_SCENE_SEC) return { ok: false, reason: `A scene lasts ${MIN_SCENE_SEC}–${MAX_SCENE_SEC} s.` };
  const dialog: DialogLine[] = d.dialog.filter((l) => l.text.trim()).map((l) => (l.speaker.trim() ? { speaker: l.speaker.trim(), text: l.text.trim() } : { text: l.text.trim() }));
  const actions = d.actions.split('\n').map((a) => a.trim()).filter(Boolean);
  return { ok: true, body: { description: d.description.trim(), camera: d.camera.trim(), durationSec, actions, dialog } };
}
