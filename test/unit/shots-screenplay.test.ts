import { readFileSync } from 'node:fs';
import { Lexer } from 'fountain-js';
import { describe, expect, it } from 'vitest';
import { parseScreenplay } from '../../shared/shots/parse-script.js';
import { ParsedScreenplay, ScriptParseError, type ScreenplayElement } from '../../shared/shots/screenplay.js';
import { sceneToFountain } from '../../shared/shots/to-fountain.js';

const SAMPLE = readFileSync(new URL('../fixtures/shots/brick-and-steel.fountain', import.meta.url));
const parse = (s: string) => parseScreenplay(s);
const only = (s: string) => parse(s).scenes[0]!.elements;

function parseError(fn: () => unknown): ScriptParseError {
  try {
    fn();
  } catch (err) {
    if (err instanceof ScriptParseError) return err;
    throw err;
  }
  throw new Error('expected a ScriptParseError');
}

describe('Fountain parser over the spec examples', () => {
  const script = parseScreenplay(SAMPLE);

  it('is a valid ParsedScreenplay with the title page', () => {
    expect(ParsedScreenplay.safeParse(script).success).toBe(true);
    expect(script.title).toBe('BRICK & STEEL FULL RETIRED');
    expect(script.titlePage.map((t) => t.key)).toEqual(['title', 'credit', 'author', 'source', 'draft_date', 'contact']);
    expect(script.titlePage.find((t) => t.key === 'contact')!.value).toBe('Next Level Productions\n1588 Mission Dr.\nSolvang, CA 93463');
  });

  it('keeps sections, synopses and FADE IN: before the first heading as the preamble', () => {
    expect(script.preamble).toEqual([
      { type: 'section', text: 'ACT I', depth: 1 },
      { type: 'synopsis', text: 'Set up the characters and the story.' },
      { type: 'action', text: 'FADE IN:' },
    ]);
  });

  it('reads scene headings, scene numbers and forced headings', () => {
    expect(script.scenes.map((s) => [s.slugline, s.sceneNumber, s.forced])).toEqual([
      ["EXT. BRICK'S PATIO - DAY", '1', false],
      ['SNIPER SCOPE POV', null, true],
      ['INT. TRAILER HOME - DAY', '2', false],
      ['EXT. DESERT - NIGHT', null, false],
    ]);
  });

  it('reads dialogue with parentheticals, forced @ characters and extensions', () => {
    const [patio, , trailer] = script.scenes;
    expect(patio!.elements.find((e) => e.type === 'dialogue' && e.parts.length === 2)).toEqual({
      type: 'dialogue',
      character: 'STEEL',
      extension: null,
      dual: null,
      parts: [
        { kind: 'parenthetical', text: '(beer raised)' },
        { kind: 'line', text: 'To retirement.' },
      ],
    });
    const cues = trailer!.elements.filter((e) => e.type === 'dialogue').map((e) => [e.character, e.extension, e.dual]);
    expect(cues).toEqual([
      ['McCLANE', null, null],
      ['HANS', 'on the radio', null],
      ['BRICK', null, 'left'],
      ['STEEL', null, 'right'],
      ['COGNITO', null, null],
    ]);
  });

  it('lifts inline notes, strips emphasis, keeps inline boneyard as its own element', () => {
    const [, pov, trailer] = script.scenes;
    expect(pov!.elements[0]).toEqual({ type: 'action', text: "From what seems like only INCHES AWAY.  Steel's face FILLS the Leupold Mark 4 scope." });
    expect(trailer!.elements[0]).toMatchObject({ notes: ['Or did we think of actual names for these guys?'] });
    expect((trailer!.elements[0] as { text: string }).text).not.toContain('[[');
    const cognito = trailer!.elements.findIndex((e) => e.type === 'dialogue' && e.character === 'COGNITO');
    expect((trailer!.elements[cognito] as Extract<ScreenplayElement, { type: 'dialogue' }>).parts[0]!.text).toBe(
      "Everyone's coming after you mate! Scorpio, The Boy Band, Sparkle Man, Big Bill Tapper and your bottom girl Ginger.",
    );
    expect(trailer!.elements[cognito + 1]).toEqual({ type: 'boneyard', text: "Let's not mention everyone" });
  });

  it('reads lyrics, forced transitions, page breaks, deeper sections, centered text, multi-line notes', () => {
    const trailer = script.scenes[2]!.elements.map((e) => e.type);
    expect(trailer.slice(-4)).toEqual(['lyrics', 'transition', 'page_break', 'section']);
    expect(script.scenes[1]!.elements[1]).toEqual({ type: 'transition', text: 'CUT TO:' });
    const desert = script.scenes[3]!.elements;
    expect(desert[0]).toEqual({ type: 'action', text: 'SCANNING THE AISLES... the boys look at each other.' });
    expect(desert[1]).toEqual({ type: 'note', text: 'A standalone note\nthat spans two lines' });
    expect(desert[3]).toEqual({ type: 'centered', text: 'THE END' });
  });

  it('keeps a boneyard that holds a whole scene heading inside the scene it starts in (no new scene)', () => {
    expect(script.scenes[3]!.elements[2]).toEqual({ type: 'boneyard', text: 'INT. GARAGE - DAY\n\nA scene the writer cut.' });
    expect(script.scenes.some((s) => s.slugline.includes('GARAGE'))).toBe(false);
    // fountain-js alone drops it without a trace.
    expect(JSON.stringify(Lexer.tokenize(SAMPLE.toString('utf8')))).not.toContain('writer cut');
  });

  it('round-trips through sceneToFountain', () => {
    for (const scene of script.scenes) {
      const again = parse(sceneToFountain(scene)).scenes[0]!;
      expect(again.slugline).toBe(scene.slugline);
      expect(again.elements).toEqual(scene.elements);
    }
  });
});

describe('Fountain edge cases', () => {
  it('pairs dual dialogue only with the directly preceding dialogue (fountain-js pairs across action)', () => {
    const els = only('INT. A - DAY\n\nBRICK\nHi.\n\nHe waits.\n\nSTEEL ^\nHi.\n');
    expect(els.filter((e) => e.type === 'dialogue').map((e) => e.dual)).toEqual([null, null]);
  });

  it('does not leak a dual flag from one parse into the next', () => {
    parse('INT. A - DAY\n\nSTEEL ^\nHi.\n');
    const els = only('INT. B - DAY\n\nBRICK\nHi.\n');
    expect(els[0]).toMatchObject({ character: 'BRICK', dual: null });
  });

  it('treats a heading followed directly by action (no blank line) as heading + action', () => {
    const s = parse('INT. HOUSE - DAY\nJohn enters.\n\nJOHN\nHey.\n');
    expect(s.scenes[0]!.slugline).toBe('INT. HOUSE - DAY');
    expect(s.scenes[0]!.elements.map((e) => e.type)).toEqual(['action', 'dialogue']);
  });

  it('accepts lower-case, I/E and EST headings; !-forced action is not a heading', () => {
    const s = parse('int. kitchen - day\n\nA.\n\nI/E. CAR - MOVING\n\nB.\n\nEST. CITY - DAWN\n\nC.\n\n!INT. NOT A HEADING\n');
    expect(s.scenes.map((x) => x.slugline)).toEqual(['int. kitchen - day', 'I/E. CAR - MOVING', 'EST. CITY - DAWN']);
    expect(s.scenes[2]!.elements.at(-1)).toEqual({ type: 'action', text: 'INT. NOT A HEADING' });
  });

  it('splits several extensions and keeps numbers out of character cues', () => {
    const els = only("INT. A - DAY\n\nMOM (O.S.) (CONT'D)\nLuke!\n\nR2D2\nBeep.\n\n23\nNot a cue.\n");
    expect(els[0]).toMatchObject({ character: 'MOM', extension: "O.S. CONT'D" });
    expect(els[1]).toMatchObject({ character: 'R2D2' });
    expect(els[2]).toEqual({ type: 'action', text: '23\nNot a cue.' });
  });

  it('keeps a boneyard line cut from inside a dialogue block without breaking the block', () => {
    const els = only('INT. A - DAY\n\nJOHN\nFirst line.\n/* a cut line */\nSecond line.\n');
    expect(els[0]).toMatchObject({ type: 'dialogue', parts: [{ kind: 'line', text: 'First line.\nSecond line.' }] });
    expect(els[1]).toEqual({ type: 'boneyard', text: 'a cut line' });
  });

  it('reads CRLF, UTF-8 BOM, UTF-16 LE/BE with BOM and UTF-16 LE without one the same', () => {
    const text = 'INT. CAFÉ - NIGHT\r\n\r\nZOË\r\nUn café, s’il vous plaît.\r\n';
    const want = parse(text.replace(/\r\n/g, '\n')).scenes;
    const le = Buffer.from(text, 'utf16le');
    const be = Buffer.from(le).swap16();
    const cases: [Uint8Array, string][] = [
      [Buffer.from(text, 'utf8'), 'utf-8'],
      [Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text, 'utf8')]), 'utf-8-bom'],
      [Buffer.concat([Buffer.from([0xff, 0xfe]), le]), 'utf-16le'],
      [Buffer.concat([Buffer.from([0xfe, 0xff]), be]), 'utf-16be'],
      [le, 'utf-16le'],
      [Buffer.from(text, 'latin1'), 'windows-1252'],
    ];
    for (const [bytes, encoding] of cases) {
      const s = parseScreenplay(bytes);
      expect(s.encoding).toBe(encoding);
      if (encoding !== 'windows-1252') expect(s.scenes).toEqual(want);
      else expect(s.scenes[0]!.slugline).toBe('INT. CAFÉ - NIGHT');
    }
  });

  it('refuses what is not a screenplay with a clear error', () => {
    expect(parseError(() => parseScreenplay(new Uint8Array())).code).toBe('empty');
    expect(parseError(() => parse('   \n\n ')).code).toBe('empty');
    const png = Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52, 1, 2, 3]);
    expect(parseError(() => parseScreenplay(png)).code).toBe('binary');
    const letter = parseError(() => parse('Dear Sam,\n\nThanks for the lovely dinner.\n\nBest,\nAlex\n'));
    expect(letter.code).toBe('not_a_screenplay');
    expect(letter.message).toMatch(/INT\. KITCHEN - DAY/);
  });

  it('parses a 500-page script into every scene (chunked by heading)', () => {
    const scene = (i: number) =>
      `INT. ROOM ${i} - DAY\n\nJane crosses to the window and looks out at the rain. Something moves in the yard.\n\nJANE\n(quietly)\nWho's there?\n\nTOM (O.S.)\nJust me.\n\nBRICK\nNow.\n\nSTEEL ^\nNow!\n\n/* old beat ${i} */\n\n`;
    const src = Array.from({ length: 2500 }, (_, i) => scene(i)).join('');
    const s = parse(src);
    expect(s.scenes).toHaveLength(2500);
    expect(s.pages).toBeGreaterThan(400);
    expect(s.scenes[2499]!.elements.map((e) => e.type)).toEqual(['action', 'dialogue', 'dialogue', 'dialogue', 'dialogue', 'boneyard']);
    expect(s.scenes[1234]!.elements[4]).toMatchObject({ character: 'STEEL', dual: 'right' });
  });
});

describe('Final Draft (.fdx)', () => {
  const FDX = `<?xml version="1.0" encoding="UTF-8" standalone="no" ?>
<FinalDraft DocumentType="Script" Template="No" Version="5">
  <Content>
    <Paragraph Type="Transition"><Text>FADE IN:</Text></Paragraph>
    <Paragraph Number="1" Type="Scene Heading"><SceneProperties Length="1/8" Page="1"/><Text>INT. DINER - NIGHT</Text></Paragraph>
    <Paragraph Type="Action"><Text>Rain </Text><Text Style="Bold">hammers</Text><Text> the glass &amp; the neon.</Text></Paragraph>
    <Paragraph Type="Character"><Text>WAITRESS (V.O.)</Text></Paragraph>
    <Paragraph Type="Parenthetical"><Text>(tired)</Text></Paragraph>
    <Paragraph Type="Dialogue"><Text>Coffee?</Text></Paragraph>
    <Paragraph>
      <DualDialogue>
        <Paragraph Type="Character"><Text>AL</Text></Paragraph>
        <Paragraph Type="Dialogue"><Text>Black.</Text></Paragraph>
        <Paragraph Type="Character"><Text>BO</Text></Paragraph>
        <Paragraph Type="Dialogue"><Text>Same.</Text></Paragraph>
      </DualDialogue>
    </Paragraph>
    <Paragraph Type="Transition"><Text>CUT TO:</Text></Paragraph>
    <Paragraph Type="Scene Heading"><Text>EXT. PARKING LOT - CONTINUOUS</Text></Paragraph>
    <Paragraph Type="Shot"><Text>CLOSE ON the keys.</Text></Paragraph>
  </Content>
  <TitlePage><Content><Paragraph Type="Action"><Text>NIGHT SHIFT</Text></Paragraph><Paragraph Type="Action"><Text>by A. Writer</Text></Paragraph></Content></TitlePage>
</FinalDraft>`;

  it('maps paragraphs, dual dialogue, scene numbers and the title page', () => {
    const s = parseScreenplay(Buffer.from(FDX), { fileName: 'night.fdx' });
    expect(ParsedScreenplay.safeParse(s).success).toBe(true);
    expect(s.format).toBe('fdx');
    expect(s.title).toBe('NIGHT SHIFT');
    expect(s.preamble).toEqual([{ type: 'transition', text: 'FADE IN:' }]);
    expect(s.scenes.map((x) => [x.slugline, x.sceneNumber])).toEqual([
      ['INT. DINER - NIGHT', '1'],
      ['EXT. PARKING LOT - CONTINUOUS', null],
    ]);
    expect(s.scenes[0]!.elements).toEqual([
      { type: 'action', text: 'Rain hammers the glass & the neon.' },
      { type: 'dialogue', character: 'WAITRESS', extension: 'V.O.', dual: null, parts: [{ kind: 'parenthetical', text: '(tired)' }, { kind: 'line', text: 'Coffee?' }] },
      { type: 'dialogue', character: 'AL', extension: null, dual: 'left', parts: [{ kind: 'line', text: 'Black.' }] },
      { type: 'dialogue', character: 'BO', extension: null, dual: 'right', parts: [{ kind: 'line', text: 'Same.' }] },
      { type: 'transition', text: 'CUT TO:' },
    ]);
    expect(s.scenes[1]!.elements).toEqual([{ type: 'action', text: 'CLOSE ON the keys.' }]);
  });

  it('detects FDX by content and reads it from UTF-16', () => {
    const bytes = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(FDX, 'utf16le')]);
    expect(parseScreenplay(bytes).format).toBe('fdx');
  });

  it('refuses malformed or foreign XML', () => {
    expect(parseError(() => parseScreenplay(FDX.replace('</Content>\n  <TitlePage>', '<TitlePage>'), { fileName: 'x.fdx' })).code).toBe('bad_fdx');
    expect(parseError(() => parseScreenplay('<?xml version="1.0"?><svg></svg>', { fileName: 'x.fdx' })).message).toMatch(/not a Final Draft/);
  });
});
