import { describe, expect, it } from 'vitest';
import { clipCacheKey } from '../../worker/video/visuals/clip-cache.js';
import { comfyCacheParts, generationSize, kenBurnsFilter, scenePrompt, sceneSeed } from '../../worker/video/visuals/comfyui.js';
import { composeScene, SCENE_COMPOSER_MODEL } from '../../worker/video/visuals/compose-scene.js';
import { drawSize, pieceFrames, titleFor } from '../../worker/video/visuals/embedded.js';
import { titleTiming, wrapTitle } from '../../worker/video/visuals/finish-clip.js';
import { checkRequest } from '../../worker/video/visuals/index.js';
import { readScene } from '../../worker/video/visuals/scene-words.js';
import type { SceneVisualRequest } from '../../worker/video/visuals/types.js';

const names = (description: string, style?: string, camera?: string) => composeScene({ description, style, camera }).choice;

describe('scene composer: family from the scene words', () => {
  const cases: Array<[string, string]> = [
    ['A storm at sea, emerald and gold', 'storm'],
    ['Thunder and lightning over the harbour', 'storm'],
    ['A calm sea at sunset, waves rolling onto the beach', 'sea'],
    ['Clouds drifting across an open sky', 'sky'],
    ['A campfire burning in the dark', 'fire'],
    ['Lava pours from the volcano', 'fire'],
    ['A misty pine forest at dawn', 'forest'],
    ['City lights at night, traffic on the streets', 'city'],
    ['A rooftop in a neon cyberpunk downtown', 'city'],
    ['A nebula full of stars', 'space'],
    ['The astronaut floats past a distant planet', 'space'],
    ['Sand dunes stretch across the desert', 'desert'],
    ['Rain falling on a quiet lake', 'water'],
    ['Snowy mountain peaks above the valley', 'mountains'],
    ['A feeling of hope', 'abstract'],
    ['The board meeting begins', 'abstract'],
  ];
  for (const [description, family] of cases) {
    it(`"${description}" → ${family}`, () => {
      const c = names(description);
      expect(c.family).toBe(family);
      if (family !== 'abstract') expect(c.matchedWords.length).toBeGreaterThan(0);
    });
  }

  it('a specific scene outranks its setting: "storm" beats "sea", "fire" beats "forest"', () => {
    expect(names('A storm at sea').family).toBe('storm');
    expect(names('Fire sweeps through the forest').family).toBe('fire');
    expect(names('A lighthouse on a cliff above a stormy sea').family).toBe('storm');
  });

  it('plurals and accents match their keywords', () => {
    expect(names('Galaxies and comets').family).toBe('space');
    expect(names('Flames dancing').family).toBe('fire');
  });

  it('style words set the family only when the scene names none', () => {
    expect(names('A lonely figure walks', 'cyberpunk').family).toBe('city');
    expect(names('A storm rolls in', 'cyberpunk').family).toBe('storm');
  });
});

describe('scene composer: palette from colour words and style', () => {
  it('storm at sea, emerald and gold → emerald + gold, in that order, then the family colour', () => {
    const c = names('A storm at sea, emerald and gold');
    expect(c.palette.map((p) => p.name)).toEqual(['emerald', 'gold', 'slate']);
    expect(c.matchedWords).toEqual(expect.arrayContaining(['storm', 'sea', 'emerald', 'gold']));
    expect(c.palette[0]!.hex).toMatch(/^#[0-9a-f]{6}$/);
  });

  it('colour words in the style count after the scene’s own', () => {
    expect(names('A crimson sky', 'silver').palette.map((p) => p.name).slice(0, 2)).toEqual(['crimson', 'silver']);
    expect(names('Clouds', 'emerald and gold').palette.map((p) => p.name).slice(0, 2)).toEqual(['emerald', 'gold']);
  });

  it('style presets imply colours when no colour word is given', () => {
    expect(names('A street at night', 'noir').palette.map((p) => p.name)).toEqual(['black', 'silver', 'white']);
    expect(names('A beach', 'cinematic').palette.map((p) => p.name).slice(0, 2)).toEqual(['teal', 'orange']);
  });

  it('no colour words: the family’s own palette', () => {
    expect(names('A campfire burning').palette.map((p) => p.name)).toEqual(['red', 'orange', 'yellow']);
    expect(names('A nebula').palette.map((p) => p.name)).toEqual(['navy', 'violet', 'white']);
  });

  it('at most three colours; synonyms of the same colour count once', () => {
    const c = names('gold golden amber red blue green violet');
    expect(c.palette).toHaveLength(3);
    expect(c.palette.map((p) => p.name)).toEqual(['gold', 'amber', 'red']);
  });

  it('the palette is written into the shader as constants', () => {
    const { source } = composeScene({ description: 'A storm at sea, emerald and gold' });
    // emerald #0fa968 = (15, 169, 104)/255
    expect(source.image.code).toContain('const vec3 CA = vec3(0.059, 0.663, 0.408);');
    expect(source.image.code).toContain('void mainImage(out vec4 fragColor, in vec2 fragCoord)');
  });
});

describe('scene composer: motion from camera and action words', () => {
  it('camera slugs from the script are read as words', () => {
    expect(names('A beach', undefined, 'wide, slow_pan').motion).toMatchObject({ kind: 'pan-right', speed: 0.55 });
    expect(names('A beach', undefined, 'medium, pan_left').motion.kind).toBe('pan-left');
    expect(names('A beach', undefined, 'close, dolly_in').motion.kind).toBe('zoom-in');
    expect(names('A beach', undefined, 'wide, zoom_out').motion.kind).toBe('zoom-out');
    expect(names('A beach', undefined, 'aerial, orbit').motion.kind).toBe('orbit');
    expect(names('A beach', undefined, 'wide, tilt_up').motion.kind).toBe('tilt-up');
    expect(names('A beach', undefined, 'wide, static').motion.kind).toBe('static');
  });

  it('the camera direction wins over motion words in the description', () => {
    expect(names('The camera zooms in on the ship', undefined, 'wide, pan_left').motion.kind).toBe('pan-left');
    expect(names('The camera zooms in on the ship').motion.kind).toBe('zoom-in');
    expect(names('We pull back from the cliff').motion.kind).toBe('zoom-out');
  });

  it('calm/slow words slow the scene, stormy/fast words speed it up and shake it', () => {
    const calm = names('A calm, peaceful lake');
    const storm = names('A raging storm');
    const plain = names('A lake');
    expect(calm.motion.speed).toBeLessThan(plain.motion.speed);
    expect(storm.motion.speed).toBeGreaterThan(plain.motion.speed);
    expect(readScene({ description: 'A raging storm' }).motion.shake).toBeGreaterThan(0);
    expect(readScene({ description: 'A lake', camera: 'handheld' }).motion.shake).toBeGreaterThan(0);
    expect(readScene({ description: 'A lake' }).motion.shake).toBe(0);
    expect(calm.motion.words).toEqual(expect.arrayContaining(['calm', 'peaceful']));
  });

  it('shot size sets the framing', () => {
    expect(readScene({ description: 'x', camera: 'extreme_close' }).motion.framing).toBeGreaterThan(readScene({ description: 'x', camera: 'close' }).motion.framing);
    expect(readScene({ description: 'x', camera: 'close' }).motion.framing).toBeGreaterThan(readScene({ description: 'x', camera: 'wide' }).motion.framing);
  });

  it('actions count as scene words', () => {
    expect(composeScene({ description: 'The hero waits', actions: ['lightning splits the sky'] }).choice.family).toBe('storm');
  });
});

describe('scene composer: determinism and GLSL', () => {
  it('the same scene gives the same shader; a changed scene a different one', () => {
    const a = composeScene({ description: 'A storm at sea', camera: 'wide' });
    expect(composeScene({ description: 'A storm at sea', camera: 'wide' }).source.image.code).toBe(a.source.image.code);
    expect(composeScene({ description: 'A storm at sea', camera: 'close' }).source.image.code).not.toBe(a.source.image.code);
  });

  it('a time offset continues the clock (long scenes rendered in pieces)', () => {
    expect(composeScene({ description: 'fire' }, { timeOffset: 20 }).source.image.code).toContain('const float TIME_OFFSET = 20.000;');
  });

  it('every family compiles to one self-contained pass with bounded loops and ASCII only', () => {
    for (const d of ['storm', 'sea', 'sky', 'fire', 'forest', 'city', 'space', 'desert', 'water', 'mountains', 'hope']) {
      const { source } = composeScene({ description: `“${d}” ☂` });
      const code = source.image.code;
      expect(code).toMatch(/vec3 scene\(vec2 p, float t\)/);
      expect(code).not.toMatch(/[^\x09\x0a\x20-\x7e]/);
      expect(code).not.toMatch(/while\s*\(/);
      for (const m of code.matchAll(/for \(int \w+ = 0; \w+ < (\w+);/g)) expect(/^\d+$|^OCTAVES$/.test(m[1]!)).toBe(true);
      expect(source.buffers).toEqual([]);
    }
  });

  it('records the composer as the model', () => {
    expect(SCENE_COMPOSER_MODEL).toMatch(/^scene-shader-composer@\d+$/);
  });
});

describe('visual pipeline helpers', () => {
  const req = (over: Partial<SceneVisualRequest> = {}): SceneVisualRequest => ({
    scene: { id: 's1', description: 'A storm at sea', camera: 'wide', durationSec: 3, actions: [] },
    index: 0,
    title: 'Tempest',
    style: 'cinematic',
    width: 320,
    height: 180,
    fps: 4,
    durationSec: 3,
    provider: 'embedded',
    cacheDir: '/tmp/x',
    ...over,
  });

  it('long scenes are split into whole-frame pieces of at most 20 s', () => {
    expect(pieceFrames(100, 10)).toEqual([100]);
    expect(pieceFrames(450, 10)).toEqual([200, 200, 50]);
    expect(pieceFrames(600, 30)).toEqual([600]);
    expect(pieceFrames(601, 30)).toEqual([600, 1]);
  });

  it('renderScale draws the shader smaller (even sizes, at least 16 px, clamped to 0.25–1)', () => {
    expect(drawSize({ width: 640, height: 360 })).toEqual({ width: 640, height: 360 });
    expect(drawSize({ width: 640, height: 360, renderScale: 0.5 })).toEqual({ width: 320, height: 180 });
    expect(drawSize({ width: 1280, height: 720, renderScale: 0.3 })).toEqual({ width: 384, height: 216 });
    expect(drawSize({ width: 40, height: 20, renderScale: 0.25 })).toEqual({ width: 16, height: 16 });
    expect(() => checkRequest(req({ renderScale: 0.1 }))).toThrow(/renderScale 0.1/);
  });

  it('only scene 0 with a title gets a title card', () => {
    expect(titleFor({ index: 0, title: ' Tempest ' })).toBe('Tempest');
    expect(titleFor({ index: 1, title: 'Tempest' })).toBeNull();
    expect(titleFor({ index: 0, title: '  ' })).toBeNull();
  });

  it('title wrapping and timing stay inside the scene', () => {
    expect(wrapTitle('The long and winding road to the sea', 12, 2)).toEqual(['The long and', 'winding roa…']);
    for (const d of [0.5, 1, 3, 7, 30]) {
      const t = titleTiming(d);
      expect(t.inAt + t.inSec).toBeLessThanOrEqual(t.outAt + 1e-9);
      expect(t.outAt + t.outSec).toBeLessThanOrEqual(0.8 * d + 1e-9);
    }
  });

  it('bad requests are refused with the reason', () => {
    expect(() => checkRequest(req({ width: 321 }))).toThrow(/width 321/);
    expect(() => checkRequest(req({ height: 2000 }))).toThrow(/height 2000/);
    expect(() => checkRequest(req({ fps: 0 }))).toThrow(/fps 0/);
    expect(() => checkRequest(req({ durationSec: 0 }))).toThrow(/duration 0/);
    expect(() => checkRequest(req({ scene: { id: 's1', description: '  ', durationSec: 1 } }))).toThrow(/no description/);
    expect(() => checkRequest(req())).not.toThrow();
  });

  it('cache keys are stable under key order and change with any input', () => {
    const a = clipCacheKey({ a: 1, b: { c: [1, 2], d: 'x' } });
    expect(clipCacheKey({ b: { d: 'x', c: [1, 2] }, a: 1 })).toBe(a);
    expect(clipCacheKey({ a: 1, b: { c: [2, 1], d: 'x' } })).not.toBe(a);
    expect(a).toMatch(/^[0-9a-f]{40}$/);
  });

  it('ComfyUI prompt, seed and pan/zoom follow the scene', () => {
    const p = scenePrompt(req());
    expect(p).toBe('A storm at sea, wide, cinematic style, cinematic film still, detailed');
    expect(sceneSeed(p)).toBe(sceneSeed(p));
    expect(sceneSeed(p)).not.toBe(sceneSeed(`${p}!`));
    expect(kenBurnsFilter('pan-right', 320, 180, 4, 12)).toContain("x='(iw-iw/zoom)*on/11'");
    expect(kenBurnsFilter('zoom-in', 320, 180, 4, 12)).toMatch(/z='1\+0\.15\*on\/11'.*d=12:s=320x180:fps=4/);
    expect(generationSize({ width: 640, height: 360 }, 768, 8)).toEqual({ width: 768, height: 432 });
    expect(generationSize({ width: 1280, height: 720 }, 768, 8)).toEqual({ width: 768, height: 432 });
    expect(generationSize({ width: 720, height: 1280 }, 832, 16)).toEqual({ width: 464, height: 832 });
    const parts = comfyCacheParts({ client: { url: 'http://h:1' }, workflow: 'txt2img', model: 'm', values: { seed: 1 }, motion: 'drift' } as never);
    expect(parts).toEqual({ provider: 'comfyui', url: 'http://h:1', workflow: 'txt2img', model: 'm', values: { seed: 1 }, motion: 'drift' });
  });
});
