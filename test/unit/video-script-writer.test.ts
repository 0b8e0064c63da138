import { describe, expect, it } from 'vitest';
import { VideoScriptInput } from '../../shared/jobs/video-script.js';
import { VideoScript, parseCamera, sceneHashInput, scriptDurationSec, scriptLines, sceneStartsSec, nextSceneId } from '../../shared/video/script.js';
import { answerToScript, screenwriterAnswer } from '../../worker/video/script/llm-writer.js';
import { writeOfflineScript } from '../../worker/video/script/offline-writer.js';
import { clausesOf, quotedLines, shortenTo, titleFrom, withoutQuotes } from '../../worker/video/script/prompt-text.js';
import { SCREENWRITER_TEMPLATE, screenwriterUserMessage } from '../../worker/video/script/screenwriter-prompt.js';
import { fitDurations, speechSec, wordsOf } from '../../worker/video/script/timing.js';

const PROMPTS = [
  'A lighthouse keeper fights a storm at sea, emerald and gold.',
  'cats',
  'Mara walks into the market. "Where is the map?" she asks. Then the old man points to the harbor, and a ship sails into the fog. Finally the sun rises over the city.',
  'The history of the Roman Empire, from the founding of Rome by Romulus to the fall of Constantinople in 1453, told through its emperors, wars and engineering marvels such as aqueducts and roads.',
  '# Brief\n\n* a neon city at night\n* rain on the windows\n* a detective lights a cigarette\n* a train passes above',
  'Un zorro rojo corre por la nieve. El bosque despierta al amanecer.',
  '夜の東京。雨が降っている。',
  'Slow. Quiet. Dark. Light. Dawn. Birds. Wind. Sea. Stars. Moon. Sun. Rain.',
  'x'.repeat(30) + ' ' + 'word '.repeat(900),
  'A child asks "why is the sky blue?" and her grandfather says "because the air scatters the blue light more than the red" while they sit on a hill at sunset watching the clouds turn pink and orange over the valley below',
  '1969: Apollo 11 lands on the Moon; Neil Armstrong steps onto the surface.',
];
const TARGETS = [2, 5, 7, 12, 30, 60, 300];

describe('the offline writer', () => {
  it('gives a valid script whose durations add up to the target, for every prompt and target', () => {
    for (const prompt of PROMPTS) {
      for (const durationTarget of TARGETS) {
        const { script, warnings } = writeOfflineScript({ prompt, language: 'en', durationTarget });
        expect(VideoScript.safeParse(script).success).toBe(true);
        expect(scriptDurationSec(script)).toBeCloseTo(durationTarget, 5);
        for (const scene of script.scenes) {
          expect(scene.durationSec).toBeGreaterThanOrEqual(Math.min(1, durationTarget / script.scenes.length));
          // Narration (lines without speaker) is cut to what can be said in the scene.
          const narration = scene.dialog.filter((d) => !d.speaker && !prompt.includes(d.text)).map((d) => d.text);
          expect(speechSec(narration)).toBeLessThanOrEqual(scene.durationSec + 1e-9);
        }
        expect(new Set(script.scenes.map((s) => s.id)).size).toBe(script.scenes.length);
        expect(Array.isArray(warnings)).toBe(true);
      }
    }
  });

  it('uses only the prompt\'s own words in descriptions and narration', () => {
    for (const prompt of PROMPTS.filter((p) => p.length < 1000)) {
      const vocab = new Set(prompt.toLowerCase().split(/\s+/).map((w) => w.replace(/[^\p{L}\p{N}']/gu, '')));
      const { script } = writeOfflineScript({ prompt, language: 'en', durationTarget: 7 });
      for (const scene of script.scenes) {
        const said = [scene.description, ...scene.dialog.map((d) => d.text)].join(' ');
        for (const w of said.toLowerCase().split(/\s+/)) {
          const bare = w.replace(/[^\p{L}\p{N}']/gu, '');
          if (bare) expect(vocab.has(bare) || prompt.replace(/\s+/g, '').includes(bare), `${w} in ${said}`).toBe(true);
        }
      }
    }
  });

  it('keeps sentences in order as scenes, quotes as dialog with their speaker, and follows the words for the camera', () => {
    const { script } = writeOfflineScript({ prompt: PROMPTS[2]!, language: 'en', durationTarget: 12, sceneCount: 4 });
    expect(script.scenes.map((s) => s.description)).toEqual([
      'Mara walks into the market.',
      '"Where is the map?" she asks.',
      'Then the old man points to the harbor, and a ship sails into the fog.',
      'Finally the sun rises over the city.',
    ]);
    expect(script.scenes[1]!.dialog).toEqual([{ text: 'Where is the map?' }]);
    expect(script.scenes[2]!.actions).toEqual(['the old man points to the harbor', 'a ship sails into the fog']);
    expect(script.scenes.map((s) => parseCamera(s.camera).move)).toEqual(['tracking', 'dolly_in', 'tracking', 'dolly_out']); // "walks", "sails"
    expect(quotedLines('"Where is the map?" Mara asks.')).toEqual([{ speaker: 'Mara', text: 'Where is the map?' }]);
    expect(quotedLines('Then says Bob "hello there".')).toEqual([{ speaker: 'Bob', text: 'hello there' }]);
    expect(withoutQuotes('"Where is the map?" she asks')).toBe('');
  });

  it('shows a one-sentence prompt in framings rather than inventing scenes, and says so', () => {
    const { script, warnings } = writeOfflineScript({ prompt: PROMPTS[0]!, language: 'en', durationTarget: 7 });
    expect(script.scenes).toHaveLength(2);
    expect(script.scenes.every((s) => s.description === 'A lighthouse keeper fights a storm at sea, emerald and gold.')).toBe(true);
    expect(script.scenes.map((s) => parseCamera(s.camera).shot)).toEqual(['wide', 'medium']);
    expect(script.scenes.map((s) => parseCamera(s.camera).move)).toEqual(['handheld', 'handheld']); // "storm"
    expect(warnings.join(' ')).toMatch(/1 moment.*2 framings/);
    expect(script.title).toBe('A Lighthouse Keeper Fights a Storm at Sea');
  });

  it('honours the title, scene count and says when it cannot write the language', () => {
    const out = writeOfflineScript({ prompt: PROMPTS[7]!, title: 'Twelve Words', language: 'fr', durationTarget: 12, sceneCount: 3 });
    expect(out.script.title).toBe('Twelve Words');
    expect(out.script.scenes).toHaveLength(3);
    expect(out.warnings.join(' ')).toMatch(/grouped into 3 scenes/);
    expect(out.warnings.join(' ')).toMatch(/cannot write in French/);
  });

  it('refuses a prompt without words', () => {
    expect(() => writeOfflineScript({ prompt: '!!! ???', language: 'en', durationTarget: 7 })).toThrow(/no words/);
  });
});

describe('prompt text helpers', () => {
  it('splits sentences and sequence words, shortens at phrase ends, titles the first phrase', () => {
    expect(clausesOf('A fox runs. Then it sleeps; the moon rises and then fades.')).toEqual(['A fox runs', 'Then it sleeps', 'the moon rises', 'fades']);
    expect(clausesOf('夜の東京。雨が降っている。')).toEqual(['夜の東京', '雨が降っている']);
    expect(wordsOf('夜の東京 at night')).toEqual(['夜の', '東京', 'at', 'night']);
    expect(quotedLines('Her grandfather says "because the air scatters light"')).toEqual([{ speaker: 'Grandfather', text: 'because the air scatters light' }]);
    expect(shortenTo('The ship leaves the harbor, the gulls follow it out to sea', 6)).toBe('The ship leaves the harbor');
    expect(shortenTo('One two three four five six seven of the', 8)).toBe('One two three four five six seven');
    expect(shortenTo('Hello', 1)).toBe('Hello');
    expect(shortenTo('Hello there friend', 1)).toBe(null);
    expect(titleFrom('the history of the Roman Empire, from the founding of Rome')).toBe('The History of the Roman Empire');
  });
});

describe('timing', () => {
  it('fits durations to the target to the tenth, at least 1 s each when possible', () => {
    expect(fitDurations([1, 1], 7)).toEqual([3.5, 3.5]);
    expect(fitDurations([8, 8, 8], 7).reduce((a, b) => a + b, 0)).toBeCloseTo(7, 9);
    const d = fitDurations([100, 1, 1], 7);
    expect(d[1]).toBeGreaterThanOrEqual(1);
    expect(d.reduce((a, b) => a + b, 0)).toBeCloseTo(7, 9);
    expect(fitDurations([1, 0, Number.NaN], 3)).toEqual([1, 1, 1]);
  });
});

describe('the LLM answer', () => {
  const answer = {
    title: 'Storm Keeper',
    scenes: [
      { id: 1, description: 'A lighthouse on a cliff in a storm, emerald sea, gold light.', duration: 8, camera: 'wide, slow_pan', actions: ['Waves crash'], dialog: ['The storm came at dusk.'] },
      { id: 2, description: 'The keeper climbs.', duration: 8, camera: 'close', actions: [], dialog: [{ speaker: 'Keeper', text: 'Hold on.' }, { speaker: null, text: 'He climbed.' }] },
    ],
  };

  it('accepts the seed template shape and scales durations to the target, renumbering scenes', () => {
    const parsed = screenwriterAnswer(undefined, 7).parse(answer);
    const { script, warnings } = answerToScript(parsed, { durationTarget: 7 });
    expect(script.scenes.map((s) => [s.id, s.durationSec])).toEqual([['s1', 3.5], ['s2', 3.5]]);
    expect(script.scenes[1]!.dialog).toEqual([{ speaker: 'Keeper', text: 'Hold on.' }, { text: 'He climbed.' }]);
    expect(warnings.join(' ')).toMatch(/added up to 16 s; they were scaled to the 7 s target/);
    expect(answerToScript(parsed, { durationTarget: 7, title: 'Mine' }).script.title).toBe('Mine');
  });

  it('rejects a wrong scene count and more scenes than the target holds (so the repair loop sends them back)', () => {
    expect(screenwriterAnswer(3, 7).safeParse(answer).error?.issues[0]?.message).toBe('write exactly 3 scenes');
    const many = { ...answer, scenes: Array.from({ length: 5 }, (_, i) => ({ ...answer.scenes[0]!, id: i })) };
    expect(screenwriterAnswer(undefined, 3).safeParse(many).error?.issues[0]?.message).toBe('at most 3 scenes fit in 3 s');
    expect(screenwriterAnswer(undefined, 300).safeParse(answer).error?.issues[0]?.message).toBe('write at least 3 scenes: a scene runs at most 120 s');
  });

  it('sends the seed template with the prompt in place of {prompt_text}', () => {
    expect(SCREENWRITER_TEMPLATE.startsWith('You are a concise cinematic screenwriter. Input: {prompt_text}. Output JSON:')).toBe(true);
    expect(screenwriterUserMessage('a fox')).toMatch(/^You are a concise cinematic screenwriter\. Input: a fox\. Output JSON:/);
  });
});

describe('the VideoScript schema and helpers', () => {
  const scene = { id: 's1', description: 'Fog', camera: 'wide', durationSec: 3, actions: [], dialog: [{ text: 'Hi' }] };
  it('validates limits and unique ids', () => {
    expect(VideoScript.safeParse({ title: 'T', scenes: [scene, scene] }).error?.issues[0]?.message).toMatch(/duplicate scene id "s1"/);
    expect(VideoScript.safeParse({ title: 'T', scenes: [{ ...scene, id: 'a/b' }] }).success).toBe(false);
    expect(VideoScript.safeParse({ title: 'T', scenes: [{ ...scene, durationSec: 0.1 }] }).success).toBe(false);
    expect(VideoScript.safeParse({ title: 'T', scenes: Array.from({ length: 6 }, (_, i) => ({ ...scene, id: `s${i}`, durationSec: 110 })) }).error?.issues[0]?.message).toMatch(/at most 600 s/);
  });
  it('computes starts, lines, next id and a hash input that ignores the id and whitespace', () => {
    const script = VideoScript.parse({ title: 'T', scenes: [scene, { ...scene, id: 's2', durationSec: 2.5, dialog: [{ speaker: 'A', text: 'Yo' }] }] });
    expect(sceneStartsSec(script)).toEqual([0, 3]);
    expect(scriptLines(script)).toEqual([{ sceneId: 's1', text: 'Hi' }, { sceneId: 's2', speaker: 'A', text: 'Yo' }]);
    expect(nextSceneId(script)).toBe('s3');
    expect(sceneHashInput({ ...scene, id: 'zz', description: ' Fog ' })).toBe(sceneHashInput(scene));
    expect(sceneHashInput({ ...scene, durationSec: 3.5 })).not.toBe(sceneHashInput(scene));
    expect(parseCamera('Close-up, slow pan')).toEqual({ shot: 'close', move: 'slow_pan' });
    expect(parseCamera('drone shot pushing in')).toEqual({ shot: 'aerial', move: 'dolly_in' });
    expect(parseCamera('whatever')).toEqual({ shot: null, move: null });
  });
});

describe('the video.script input', () => {
  it('names the limit for a 50 kB prompt and refuses empty prompts and impossible scene counts', () => {
    const big = VideoScriptInput.safeParse({ prompt: 'a'.repeat(50_000) });
    expect(big.error?.issues[0]?.message).toBe('the prompt is 50000 characters; at most 8000 characters are accepted');
    expect(VideoScriptInput.safeParse({ prompt: '   ' }).error?.issues[0]?.message).toMatch(/empty/);
    expect(VideoScriptInput.safeParse({ prompt: 'ok', durationTarget: 3, sceneCount: 5 }).error?.issues[0]?.message).toMatch(/5 scenes do not fit in 3 s/);
    expect(VideoScriptInput.safeParse({ prompt: 'ok', durationTarget: 300, sceneCount: 2 }).error?.issues[0]?.message).toBe('2 scenes cannot fill 300 s (a scene runs at most 120 s)');
    expect(VideoScriptInput.parse({ prompt: 'ok' })).toMatchObject({ durationTarget: 7, language: 'en', provider: 'auto', style: 'cinematic' });
  });
});
