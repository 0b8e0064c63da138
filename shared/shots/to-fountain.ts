import type { ParsedScene, ScreenplayElement } from './screenplay.js';

/**
 * Elements back to Fountain text: a scene's `raw_content` (whatever format it came from), and what
 * a breakdown prompt shows the LLM. parseFountain(sceneToFountain(s)) gives the same scene back.
 */
function notes(n: string[] | undefined): string {
  return n?.length ? ` ${n.map((x) => `[[${x}]]`).join(' ')}` : '';
}

/** Lines that would lex as something else get Fountain's forcing characters. */
function actionLine(text: string): string {
  const first = text.split('\n')[0] ?? '';
  const looksElse = /^[^a-z]*[A-Z][^a-z]*$/.test(first) || /^\s*(?:[.!@~=#>]|\[\[)/.test(first) || /^(?:int|ext|est|i\/e)[. ]/i.test(first);
  return looksElse ? `!${text}` : text;
}

export function elementToFountain(el: ScreenplayElement): string {
  switch (el.type) {
    case 'action':
      return actionLine(el.text) + notes(el.notes);
    case 'dialogue': {
      const cue = `${/[a-z]/.test(el.character) ? '@' : ''}${el.character}${el.extension ? ` (${el.extension})` : ''}${el.dual === 'right' ? ' ^' : ''}`;
      const body = el.parts.map((p) => (p.kind === 'parenthetical' && !p.text.startsWith('(') ? `(${p.text})` : p.text)).join('\n');
      return `${cue}\n${body}${notes(el.notes)}`;
    }
    case 'transition':
      return (/^[^a-z]+TO:$/.test(el.text) ? el.text : `> ${el.text}`) + notes(el.notes);
    case 'centered':
      return `> ${el.text} <${notes(el.notes)}`;
    case 'lyrics':
      return el.text
        .split('\n')
        .map((l) => `~${l}`)
        .join('\n');
    case 'section':
      return `${'#'.repeat(el.depth)} ${el.text}`;
    case 'synopsis':
      return `= ${el.text}`;
    case 'note':
      return `[[${el.text}]]`;
    case 'boneyard':
      return `/*\n${el.text}\n*/`;
    case 'page_break':
      return '===';
  }
}

export function sceneToFountain(scene: Pick<ParsedScene, 'slugline' | 'sceneNumber' | 'forced' | 'elements'>): string {
  const heading = `${scene.forced ? '.' : ''}${scene.slugline}${scene.sceneNumber ? ` #${scene.sceneNumber}#` : ''}`;
  return [heading, ...scene.elements.map(elementToFountain)].join('\n\n');
}
