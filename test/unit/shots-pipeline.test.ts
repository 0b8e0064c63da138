import { describe, expect, it } from 'vitest';
import { ShotsBreakdownOutput, shotsBreakdown } from '../../shared/jobs/shots-breakdown.js';
import { ShotsPayloadInput } from '../../shared/jobs/shots-payload.js';
import { dialogueSeconds, pageEighths, sceneLines, secondsFromLines, veoDurationFor } from '../../shared/shots/duration.js';
import { parseScreenplay } from '../../shared/shots/parse-script.js';
import { checkVeoPayload, toVeoRequest, VeoGeminiRequest, VeoPayload, VeoVertexRequest } from '../../shared/shots/veo.js';
import { heuristicBreakdown, shotTypeFromCue } from '../../worker/shots/breakdown-heuristic.js';
import { buildPayload, settingFromSlugline, templatePrompt } from '../../worker/shots/payload-template.js';
import { payloadAnswer } from '../../worker/shots/payload-llm.js';

const SCENE = `INT. SERVER ROOM - NIGHT

Rows of humming racks. Blue status lights blink in the dark.

CLOSE ON a keyboard as MAYA's fingers fly across it.

MAYA
(whispering)
Come on, come on.

DEV (O.S.)
Maya? You in here?

MAYA
Not now, Dev.

INSERT - THE MONITOR: "ACCESS GRANTED".

Dev steps into the doorway. The camera PUSHES IN on Maya's face.
`;

describe('duration estimates', () => {
  it('follows one page (55 lines) per minute and reading speed', () => {
    expect(secondsFromLines(55)).toBeCloseTo(60);
    expect(dialogueSeconds([{ kind: 'line', text: 'one two three four five' }])).toBeCloseTo(2);
    expect(dialogueSeconds([{ kind: 'parenthetical', text: '(beat)' }, { kind: 'line', text: 'Hi.' }])).toBeCloseTo(1.15);
    expect(pageEighths(55)).toBe('1');
    expect(pageEighths(55 + 55 / 8 * 3)).toBe('1 3/8');
    expect(pageEighths(1)).toBe('1/8');
  });

  it('snaps to Veo lengths 4 | 6 | 8', () => {
    // A quarter second over still fits (estimates are not that precise).
    expect([1, 4, 4.2, 5, 6.1, 6.5, 7.9, 30].map(veoDurationFor)).toEqual([4, 4, 4, 6, 6, 8, 8, 8]);
  });

  it('counts dual dialogue once (side by side)', () => {
    const single = parseScreenplay('INT. A - DAY\n\nBRICK\nScrew retirement.\n\nSTEEL\nScrew retirement.\n').scenes[0]!;
    const dual = parseScreenplay('INT. A - DAY\n\nBRICK\nScrew retirement.\n\nSTEEL ^\nScrew retirement.\n').scenes[0]!;
    expect(sceneLines(dual)).toBeLessThan(sceneLines(single));
  });
});

describe('offline (heuristic) breakdown', () => {
  const scene = parseScreenplay(SCENE).scenes[0]!;
  const shots = heuristicBreakdown(scene);

  it('makes shots from action paragraphs and dialogue exchanges, in order', () => {
    expect(ShotsBreakdownOutput.shape.shots.safeParse(shots).success).toBe(true);
    expect(shots.map((s) => s.shotType)).toEqual(['WIDE', 'CLOSE-UP', 'OVER THE SHOULDER', 'INSERT', 'MEDIUM']);
    expect(shots[2]!.camera).toBe('shot / reverse shot');
    expect(shots[2]!.description).toMatch(/^MAYA and DEV talk\. MAYA: “Come on, come on\.”/);
    expect(shots[2]!.characters).toEqual(['MAYA', 'DEV']);
    expect(shots[4]!).toMatchObject({ camera: 'slow push in', characters: ['MAYA', 'DEV'] });
    expect(shots[1]!.characters).toEqual(['MAYA']);
  });

  it('times action by the page and dialogue by the longer of page and reading speed', () => {
    for (const s of shots) expect(s.duration).toBeGreaterThanOrEqual(2);
    const long = heuristicBreakdown(parseScreenplay(`INT. A - DAY\n\n${'Word '.repeat(300)}\n`).scenes[0]!)[0]!;
    // 300 words ≈ 1500 characters ≈ 25 lines + 1 ≈ 28 s at a page a minute.
    expect(long.duration).toBeGreaterThan(25);
    expect(long.duration).toBeLessThan(32);
  });

  it('reads cues in capitals only and uses the slugline for a POV scene', () => {
    expect(shotTypeFromCue('She gives a wide smile.')).toBeNull();
    expect(shotTypeFromCue('WIDE ON the valley.')).toBe('WIDE');
    expect(shotTypeFromCue('EXTREME CLOSE-UP on the eye')).toBe('EXTREME CLOSE-UP');
    const pov = parseScreenplay('.SNIPER SCOPE POV\n\nThe crosshairs settle on Steel.\n').scenes[0]!;
    expect(heuristicBreakdown(pov)[0]!.shotType).toBe('POV');
  });

  it('has no shots for a scene without action or dialogue, and the verdict says so', () => {
    const empty = parseScreenplay('INT. A - DAY\n\n[[just a note]]\n').scenes[0]!;
    expect(heuristicBreakdown(empty)).toEqual([]);
    const out = ShotsBreakdownOutput.parse({ sceneId: 's', shots: [], source: 'heuristic', provider: 'heuristic', model: 'm', attempts: 0, fallbackReason: null, sceneSeconds: 1 });
    expect(shotsBreakdown.verdict!(out).outcome).toBe('problems');
  });
});

describe('Veo 3.1 request schema', () => {
  const img = { bytesBase64Encoded: 'iVBORw0KGgo=', mimeType: 'image/png' as const };

  it('accepts the documented Gemini API request and lower-case reference types', () => {
    const r = VeoGeminiRequest.parse({
      instances: [{ prompt: 'A cat', referenceImages: [{ image: img, referenceType: 'asset' }] }],
      parameters: { aspectRatio: '16:9', durationSeconds: 8, resolution: '1080p', personGeneration: 'allow_adult', negativePrompt: 'cartoon', sampleCount: 1 },
    });
    expect(r.instances[0].referenceImages![0]!.referenceType).toBe('ASSET');
  });

  it('refuses what Veo 3.1 refuses, naming the rule', () => {
    const four = Array.from({ length: 4 }, () => ({ image: img, referenceType: 'ASSET' }));
    const bad = [
      [{ instances: [{ prompt: 'x', referenceImages: four }] }, /at most 3/],
      [{ instances: [{ prompt: 'x', referenceImages: [{ image: img, referenceType: 'STYLE' }] }] }, /ASSET reference images only/],
      [{ instances: [{ prompt: 'x', referenceImages: [{ image: img, referenceType: 'ASSET' }] }], parameters: { durationSeconds: 6 } }, /must be 8 with reference images/],
      [{ instances: [{ prompt: 'x' }], parameters: { durationSeconds: 4, resolution: '1080p' } }, /must be 8 at 1080p/],
      [{ instances: [{ prompt: 'x' }], parameters: { durationSeconds: 5 } }, /durationSeconds/],
      [{ instances: [{ prompt: 'x' }], parameters: { seed: 3 } }, /Vertex AI parameter/],
      [{ instances: [{ prompt: 'x', lastFrame: img }] }, /needs a first-frame/],
      [{ instances: [{ prompt: '  ' }] }, /prompt is empty/],
      [{ instances: [{ prompt: 'x' }], parameters: { fps: 24 } }, /fps/],
    ] as const;
    for (const [req, why] of bad) {
      const r = VeoGeminiRequest.safeParse(req);
      expect(r.success, JSON.stringify(req)).toBe(false);
      expect(JSON.stringify(r.error!.issues)).toMatch(why);
    }
    // Vertex AI takes seed, generateAudio and gs:// images.
    expect(VeoVertexRequest.safeParse({ instances: [{ prompt: 'x', image: { gcsUri: 'gs://b/o.png', mimeType: 'image/png' } }], parameters: { seed: 3, generateAudio: true } }).success).toBe(true);
  });

  it('checks stored payloads and turns media ids into inline bytes', async () => {
    const stored = { instances: [{ prompt: 'A cat', referenceImages: [{ image: { mediaId: 'm1', mimeType: 'image/png' }, referenceType: 'ASSET' }] }], parameters: { durationSeconds: 8 } };
    expect(checkVeoPayload(stored)).toBeNull();
    expect(checkVeoPayload({ prompt: 'flat' })).toMatch(/instances/);
    expect(checkVeoPayload({ ...stored, parameters: { seed: 1 } }, 'gemini')).toMatch(/Vertex AI/);
    const wire = await toVeoRequest(VeoPayload.parse(stored), 'gemini', async (id) => new TextEncoder().encode(`bytes of ${id}`));
    expect(wire.instances[0].referenceImages![0]!.image).toEqual({ bytesBase64Encoded: Buffer.from('bytes of m1').toString('base64'), mimeType: 'image/png' });
  });
});

describe('Veo payload template (offline)', () => {
  const input = ShotsPayloadInput.parse({
    shotId: 'shot1',
    shot: { description: 'Maya types fast, lit by the monitor.', duration: 3.2, shotType: 'CLOSE-UP', camera: 'slow push in', characters: ['MAYA'] },
    slugline: 'INT. SERVER ROOM - NIGHT',
    ingredients: [
      { slot: 2, id: 'i2', name: 'Server room', type: 'Location', mediaId: 'm2', mime: 'image/jpeg' },
      { slot: 1, id: 'i1', name: 'Maya', type: 'Character', caption: 'A woman in her thirties with short black hair', mediaId: 'm1', mime: 'image/png' },
    ],
  });

  it('maps ingredients to ASSET references in slot order and the shot to a valid request', () => {
    const p = buildPayload(input, templatePrompt(input));
    expect(checkVeoPayload(p, 'gemini')).toBeNull();
    expect(p.instances[0].referenceImages!.map((r) => r.image.mediaId)).toEqual(['m1', 'm2']);
    expect(p.parameters).toEqual({ sampleCount: 1, durationSeconds: 8, aspectRatio: '16:9', resolution: '720p', personGeneration: 'allow_adult' });
    expect(p.instances[0].prompt).toBe(
      'Close-up shot, slow push in. Maya types fast, lit by the monitor. Interior, server room, night. Maya (character, reference image 1): A woman in her thirties with short black hair. Server room (location, reference image 2).',
    );
  });

  it('is deterministic and uses the shortest Veo length when nothing forces 8 s', () => {
    const bare = { ...input, ingredients: [], shot: { ...input.shot, characters: [] } };
    expect(buildPayload(bare, templatePrompt(bare))).toEqual(buildPayload(bare, templatePrompt(bare)));
    expect(buildPayload(bare, templatePrompt(bare)).parameters).toEqual({ sampleCount: 1, durationSeconds: 4, aspectRatio: '16:9', resolution: '720p' });
    expect(buildPayload({ ...bare, resolution: '1080p' }, 'A prompt').parameters.durationSeconds).toBe(8);
  });

  it('reads sluglines into settings', () => {
    expect(settingFromSlugline('EXT. BRICK’S PATIO - DAY')).toBe('Exterior, brick’s patio, day.');
    expect(settingFromSlugline('INT./EXT. CAR - MOVING')).toBe('Interior/exterior, car, moving.');
    expect(settingFromSlugline('SNIPER SCOPE POV')).toBe('SNIPER SCOPE POV.');
  });

  it('makes the LLM name every character/object reference (else the answer is repaired)', () => {
    const schema = payloadAnswer(input);
    expect(schema.safeParse({ prompt: 'A close-up of a woman typing in a dark room.', negativePrompt: null }).success).toBe(false);
    expect(schema.safeParse({ prompt: 'Close-up: Maya, from reference image 1, types in the server room.', negativePrompt: null }).success).toBe(true);
  });
});
