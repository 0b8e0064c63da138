import { splitCue } from './fountain-text.js';
import type { DialoguePart, ParsedScene, ScreenplayElement } from './screenplay.js';
import { ScriptParseError } from './screenplay.js';
import type { FountainResult } from './fountain.js';

/**
 * Final Draft .fdx (XML) → the same structure as Fountain. Only what a screenplay needs is read:
 * <Content><Paragraph Type="…"><Text>…</Text></Paragraph>, <DualDialogue> groups, the
 * Scene Heading's Number attribute and the <TitlePage> paragraphs. A tiny tag scanner, because
 * an FDX is machine-written XML with no DTDs or namespaces that matter here.
 */

interface XmlNode {
  name: string;
  attrs: Record<string, string>;
  children: (XmlNode | string)[];
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00a0' };

function decodeEntities(s: string): string {
  return s.replace(/&(#x[0-9a-f]+|#\d+|\w+);/gi, (all, e: string) => {
    if (e[0] === '#') {
      const code = e[1] === 'x' || e[1] === 'X' ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10);
      return Number.isFinite(code) ? String.fromCodePoint(code) : all;
    }
    return ENTITIES[e.toLowerCase()] ?? all;
  });
}

export function parseXml(src: string): XmlNode {
  const root: XmlNode = { name: '#root', attrs: {}, children: [] };
  const stack: XmlNode[] = [root];
  const re = /<!--[\s\S]*?-->|<!\[CDATA\[([\s\S]*?)\]\]>|<\?[\s\S]*?\?>|<!DOCTYPE[^>]*>|<\/\s*([\w:.-]+)\s*>|<([\w:.-]+)((?:\s+[\w:.-]+\s*=\s*(?:"[^"]*"|'[^']*'))*)\s*(\/?)>|([^<]+)/gy;
  let m: RegExpExecArray | null;
  let pos = 0;
  while (pos < src.length && (m = re.exec(src))) {
    pos = re.lastIndex;
    const top = stack[stack.length - 1]!;
    if (m[1] !== undefined) top.children.push(m[1]);
    else if (m[2]) {
      if (top.name !== m[2]) throw new ScriptParseError('bad_fdx', `This .fdx is not well-formed XML: </${m[2]}> closes <${top.name}>`);
      stack.pop();
    } else if (m[3]) {
      const attrs: Record<string, string> = {};
      for (const a of (m[4] ?? '').matchAll(/([\w:.-]+)\s*=\s*(?:"([^"]*)"|'([^']*)')/g)) attrs[a[1]!] = decodeEntities(a[2] ?? a[3] ?? '');
      const node: XmlNode = { name: m[3], attrs, children: [] };
      top.children.push(node);
      if (!m[5]) stack.push(node);
    } else if (m[6] !== undefined) top.children.push(decodeEntities(m[6]));
  }
  if (pos < src.length) throw new ScriptParseError('bad_fdx', `This .fdx is not well-formed XML near character ${pos}`);
  if (stack.length > 1) throw new ScriptParseError('bad_fdx', `This .fdx is cut short: <${stack[stack.length - 1]!.name}> is never closed`);
  return root;
}

function kids(node: XmlNode, name: string): XmlNode[] {
  return node.children.filter((c): c is XmlNode => typeof c !== 'string' && c.name === name);
}

/** A paragraph's text: its <Text> runs joined (styles ignored), tabs and line breaks kept as breaks. */
function paragraphText(p: XmlNode): string {
  return kids(p, 'Text')
    .map((t) => t.children.filter((c): c is string => typeof c === 'string').join(''))
    .join('')
    .replace(/\r\n?/g, '\n')
    .trim();
}

interface Para {
  type: string;
  text: string;
  number: string | null;
  dual: 'left' | 'right' | null;
}

function flatten(content: XmlNode): Para[] {
  const out: Para[] = [];
  for (const p of kids(content, 'Paragraph')) {
    const dual = kids(p, 'DualDialogue')[0];
    if (dual) {
      // Final Draft nests the two speakers' paragraphs; the second Character starts the right side.
      let side: 'left' | 'right' = 'left';
      let cues = 0;
      for (const q of kids(dual, 'Paragraph')) {
        const type = q.attrs.Type ?? 'Action';
        if (type === 'Character' && cues++ === 1) side = 'right';
        out.push({ type, text: paragraphText(q), number: null, dual: side });
      }
      continue;
    }
    out.push({ type: p.attrs.Type ?? 'Action', text: paragraphText(p), number: p.attrs.Number ?? null, dual: null });
  }
  return out;
}

export function parseFdx(src: string): FountainResult {
  const doc = parseXml(src);
  const fd = kids(doc, 'FinalDraft')[0];
  if (!fd) throw new ScriptParseError('bad_fdx', 'This XML file is not a Final Draft document (no <FinalDraft> root)');
  const content = kids(fd, 'Content')[0];
  if (!content) throw new ScriptParseError('bad_fdx', 'This Final Draft file has no <Content>');
  const preamble: ScreenplayElement[] = [];
  const scenes: ParsedScene[] = [];
  const target = () => scenes.at(-1)?.elements ?? preamble;
  let speech: Extract<ScreenplayElement, { type: 'dialogue' }> | null = null;

  for (const p of flatten(content)) {
    if (p.type !== 'Dialogue' && p.type !== 'Parenthetical') speech = null;
    if (!p.text && p.type !== 'Character') continue;
    switch (p.type) {
      case 'Scene Heading':
        scenes.push({ index: scenes.length, slugline: p.text.replace(/\s*\n\s*/g, ' '), sceneNumber: p.number, forced: !/^(?:int|ext|est|i\/e)/i.test(p.text), elements: [] });
        break;
      case 'Character': {
        const { character, extension } = splitCue(p.text.replace(/\s*\^\s*$/, ''));
        speech = { type: 'dialogue', character: character || '?', extension, dual: p.dual, parts: [] };
        target().push(speech);
        break;
      }
      case 'Dialogue':
      case 'Parenthetical': {
        const part: DialoguePart = { kind: p.type === 'Parenthetical' ? 'parenthetical' : 'line', text: p.text };
        if (speech) speech.parts.push(part);
        else target().push({ type: 'action', text: p.text });
        break;
      }
      case 'Transition':
        target().push({ type: 'transition', text: p.text });
        break;
      case 'New Act':
      case 'End of Act':
        target().push({ type: 'section', text: p.text, depth: 1 });
        break;
      case 'Lyrics':
        target().push({ type: 'lyrics', text: p.text });
        break;
      default:
        // Action, General, Shot, Cast List …: what a reader sees as action.
        target().push({ type: 'action', text: p.text });
    }
  }
  // A cue with no lines (an empty Character paragraph) is not dialogue.
  const drop = (els: ScreenplayElement[]) => els.filter((e) => e.type !== 'dialogue' || e.parts.length > 0);
  for (const s of scenes) s.elements = drop(s.elements);

  const titlePage: { key: string; value: string }[] = [];
  const tp = kids(fd, 'TitlePage')[0];
  const tpContent = tp ? kids(tp, 'Content')[0] : undefined;
  if (tpContent) {
    const lines = flatten(tpContent).map((p) => p.text).filter(Boolean);
    if (lines[0]) titlePage.push({ key: 'title', value: lines[0] });
    for (const l of lines.slice(1)) titlePage.push({ key: 'text', value: l });
  }
  return { title: titlePage[0]?.value ?? null, titlePage, preamble: drop(preamble), scenes };
}
