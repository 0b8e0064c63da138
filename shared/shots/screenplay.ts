import { z } from 'zod';

/**
 * A parsed screenplay (Fountain or Final Draft): the title page and the scenes, each a slugline
 * with its elements in order. Text is plain (Fountain emphasis markers removed, escapes resolved);
 * inline [[notes]] are lifted into `notes` so prompts and captions never read them aloud.
 */
const Notes = z.array(z.string()).optional().describe('Inline [[notes]] that were inside this element');

export const DialoguePart = z.object({
  kind: z.enum(['parenthetical', 'line']),
  text: z.string(),
});
export type DialoguePart = z.infer<typeof DialoguePart>;

export const ScreenplayElement = z.discriminatedUnion('type', [
  z.object({ type: z.literal('action'), text: z.string(), notes: Notes }),
  z.object({
    type: z.literal('dialogue'),
    /** The cue without its extension: "MOM" for "MOM (O.S.)". */
    character: z.string().min(1),
    /** "O.S.", "V.O.", "CONT'D" … (several joined with a space), or null. */
    extension: z.string().nullable(),
    /** Dual dialogue (`^`): the left (first) and right (second) speaker side by side. */
    dual: z.enum(['left', 'right']).nullable(),
    parts: z.array(DialoguePart).min(1),
    notes: Notes,
  }),
  z.object({ type: z.literal('transition'), text: z.string(), notes: Notes }),
  z.object({ type: z.literal('centered'), text: z.string(), notes: Notes }),
  z.object({ type: z.literal('lyrics'), text: z.string(), notes: Notes }),
  z.object({ type: z.literal('section'), text: z.string(), depth: z.number().int().min(1) }),
  z.object({ type: z.literal('synopsis'), text: z.string() }),
  z.object({ type: z.literal('note'), text: z.string() }),
  /** Text the writer commented out with slash-star; kept so nothing of the file is lost, never used for shots. */
  z.object({ type: z.literal('boneyard'), text: z.string() }),
  z.object({ type: z.literal('page_break') }),
]);
export type ScreenplayElement = z.infer<typeof ScreenplayElement>;
export type ElementType = ScreenplayElement['type'];

export const ParsedScene = z.object({
  /** 0-based order in the script. */
  index: z.number().int().min(0),
  slugline: z.string().min(1),
  /** Fountain `#12A#` / Final Draft Number attribute. */
  sceneNumber: z.string().nullable(),
  /** A heading forced with a leading `.` (no INT./EXT. prefix). */
  forced: z.boolean(),
  elements: z.array(ScreenplayElement),
});
export type ParsedScene = z.infer<typeof ParsedScene>;

export const TitlePageEntry = z.object({ key: z.string(), value: z.string() });

export const ScreenplayFormat = z.enum(['fountain', 'fdx']);
export type ScreenplayFormat = z.infer<typeof ScreenplayFormat>;

export const ParsedScreenplay = z.object({
  format: ScreenplayFormat,
  /** How the bytes were read: utf-8, utf-8-bom, utf-16le, utf-16be, windows-1252. */
  encoding: z.string(),
  title: z.string().nullable(),
  titlePage: z.array(TitlePageEntry),
  /** Elements before the first scene heading (FADE IN:, sections, a cold-open note). */
  preamble: z.array(ScreenplayElement),
  scenes: z.array(ParsedScene).min(1),
  /** Estimated length in pages (one page ≈ 55 formatted lines ≈ one minute of screen time). */
  pages: z.number().min(0),
});
export type ParsedScreenplay = z.infer<typeof ParsedScreenplay>;

/** Why a file could not be read as a screenplay; `code` is stable, `message` says what to do. */
export class ScriptParseError extends Error {
  constructor(
    readonly code: 'empty' | 'binary' | 'not_a_screenplay' | 'bad_fdx' | 'too_large',
    message: string,
  ) {
    super(message);
    this.name = 'ScriptParseError';
  }
}
