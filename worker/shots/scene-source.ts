import { parseScreenplay } from '../../shared/shots/parse-script.js';
import { ScriptParseError, type ParsedScene } from '../../shared/shots/screenplay.js';

/**
 * A stored scene (slugline + raw Fountain content) back to its elements. The content usually
 * starts with its heading (sceneToFountain); a user edit may have removed it, so the slugline
 * is put back as a forced heading. Content that follows under a second heading stays in.
 */
export function sceneFromSource(slugline: string, rawContent: string): ParsedScene {
  const body = rawContent.trim();
  let parsed;
  try {
    parsed = parseScreenplay(body);
  } catch (err) {
    if (!(err instanceof ScriptParseError) || (err.code !== 'not_a_screenplay' && err.code !== 'empty')) throw err;
    parsed = parseScreenplay(`.${slugline}\n\n${body}`);
  }
  const [first, ...rest] = parsed.scenes;
  const elements = [...parsed.preamble, ...first!.elements, ...rest.flatMap((s) => [{ type: 'action' as const, text: s.slugline }, ...s.elements])];
  return { ...first!, slugline, elements };
}
