import { describe, expect, it } from 'vitest';
import { stageViews } from '../../renderer/studios/video/create/stages.js';
import { actionFor, stepSpeed } from '../../renderer/studios/video/player/keyboard.js';
import { fromDraft } from '../../renderer/studios/video/script/scene-draft.js';

// The Video studio's pure UI logic: a bar per pipeline stage from the Video row, the player's
// keyboard map and speed steps, and the scene editor's draft → PATCH body.

const row = (over: Partial<Parameters<typeof stageViews>[0]>) => ({ status: 'queued' as const, progress: 0, error: null, producePreview: true, preview: null, ...over });
const states = (v: Parameters<typeof stageViews>[0]) => stageViews(v).map((s) => `${s.stage}:${s.state}`);

describe('stage bars', () => {
  it('queued: every stage waits', () => {
    expect(states(row({}))).toEqual(['generating_script:pending', 'rendering_preview:pending', 'rendering_final:pending', 'composing:pending']);
  });

  it('running: earlier stages done, the current one carries the row progress', () => {
    const v = stageViews(row({ status: 'rendering_final', progress: 0.4 }));
    expect(v.map((s) => s.state)).toEqual(['done', 'done', 'active', 'pending']);
    expect(v.map((s) => s.progress)).toEqual([1, 1, 0.4, 0]);
  });

  it('failed: the stage the error names fails, later ones never ran', () => {
    const error = { stage: 'rendering_preview' as const, provider: 'comfyui', message: 'ComfyUI is not reachable', jobId: null, at: '2026-01-01T00:00:00.000Z' };
    expect(states(row({ status: 'failed', error }))).toEqual(['generating_script:done', 'rendering_preview:failed', 'rendering_final:pending', 'composing:pending']);
  });

  it('completed without "preview first": the preview stage is skipped, not done', () => {
    expect(states(row({ status: 'completed', producePreview: false }))).toEqual(['generating_script:done', 'rendering_preview:skipped', 'rendering_final:done', 'composing:done']);
  });
});

describe('player keyboard', () => {
  it('maps the documented keys and leaves modified keys to the browser', () => {
    const key = (k: string, mod = false) => actionFor({ key: k, ctrlKey: mod, metaKey: false, altKey: false });
    expect(key(' ')).toEqual({ type: 'toggle' });
    expect(key('ArrowLeft')).toEqual({ type: 'seekBy', seconds: -5 });
    expect(key('l')).toEqual({ type: 'seekBy', seconds: 10 });
    expect(key('f')).toEqual({ type: 'fullscreen' });
    expect(key('c')).toEqual({ type: 'captions' });
    expect(key('m')).toEqual({ type: 'mute' });
    expect(key('p')).toEqual({ type: 'pip' });
    expect(key('7')).toEqual({ type: 'seekFraction', fraction: 0.7 });
    expect(key('f', true)).toBeNull();
    expect(key('x')).toBeNull();
  });

  it('steps speed along the list and stops at its ends', () => {
    expect(stepSpeed(1, 1)).toBe(1.25);
    expect(stepSpeed(1, -1)).toBe(0.75);
    expect(stepSpeed(2, 1)).toBe(2);
    expect(stepSpeed(0.5, -1)).toBe(0.5);
  });
});

describe('scene draft', () => {
  const draft = { description: ' A red lighthouse ', camera: 'wide', durationSec: '3.5', actions: 'Waves break\n\n  Gulls circle ', dialog: [{ speaker: '', text: 'Night falls.' }, { speaker: 'Keeper', text: ' Hold fast. ' }, { speaker: 'X', text: '  ' }] };

  it('trims, splits actions per line, drops empty lines and keeps narration speaker-less', () => {
    expect(fromDraft(draft)).toEqual({
      ok: true,
      body: { description: 'A red lighthouse', camera: 'wide', durationSec: 3.5, actions: ['Waves break', 'Gulls circle'], dialog: [{ text: 'Night falls.' }, { speaker: 'Keeper', text: 'Hold fast.' }] },
    });
  });

  it('refuses an empty description or an impossible duration with a reason', () => {
    expect(fromDraft({ ...draft, description: '  ' })).toMatchObject({ ok: false, reason: /description/ });
    expect(fromDraft({ ...draft, durationSec: '0.1' })).toMatchObject({ ok: false, reason: /lasts/ });
    expect(fromDraft({ ...draft, durationSec: 'abc' })).toMatchObject({ ok: false, reason: /lasts/ });
  });
});
