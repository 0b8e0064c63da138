import type { FamilyOutput } from './families/types.js';
import type { ResolvedPalette } from './palettes.js';
import type { PromptAnalysis } from './prompt-words.js';
import type { Rng } from './rng.js';

/** Titles, tags and descriptions that read like a person named the piece, from the prompt first. */

const titleCase = (w: string): string => w.charAt(0).toUpperCase() + w.slice(1);

export function composeTitle(analysis: PromptAnalysis, out: FamilyOutput, palette: ResolvedPalette, rng: Rng): string {
  const words = analysis.significant.filter((w) => /^[a-z][a-z0-9]*$/.test(w)).slice(0, 3);
  if (words.length >= 2) return words.map(titleCase).join(' ');
  const noun = rng.pick(out.nouns);
  if (words.length === 1) {
    const w = titleCase(words[0]!);
    return w.toLowerCase() === noun.toLowerCase() ? `${palette.def.adjective} ${noun}` : `${w} ${noun}`;
  }
  return `${palette.def.adjective} ${noun}`;
}

/** Tags valid for the shader schema: lower case, letters/digits/-, at most 10, no duplicates. */
export function composeTags(analysis: PromptAnalysis, familyId: string, out: FamilyOutput, palette: ResolvedPalette): string[] {
  const tags = [familyId, ...out.tags, palette.def.name, ...[...analysis.moods], 'procedural'];
  const clean = tags.map((t) => t.toLowerCase().replace(/[^a-z0-9 _-]+/g, '').trim()).filter((t) => t.length > 0 && t.length <= 32);
  return [...new Set(clean)].slice(0, 10);
}

export function composeDescription(prompt: string, out: FamilyOutput, palette: ResolvedPalette, chaos: number, motion: number): string {
  const quoted = prompt.replace(/\s+/g, ' ').trim();
  const short = quoted.length > 160 ? `${quoted.slice(0, 157)}...` : quoted;
  const calm = chaos < 0.33 ? 'calm' : chaos < 0.66 ? 'lively' : 'chaotic';
  const pace = motion < 0.33 ? 'slow' : motion < 0.66 ? 'steady' : 'fast';
  const text = `${titleCase(out.what)}, in ${palette.def.adjective.toLowerCase()} colours; ${calm} and ${pace}. Composed procedurally from "${short}".`;
  return text.slice(0, 1000);
}
