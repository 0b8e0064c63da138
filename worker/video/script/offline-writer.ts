import {
  MAX_ACTION_CHARS,
  MAX_ACTIONS,
  MAX_DESCRIPTION_CHARS,
  MAX_DIALOG_LINES,
  MAX_LINE_CHARS,
  MAX_SCENE_SEC,
  MAX_SCENES,
  MAX_TITLE_CHARS,
  VideoScript,
  type DialogLine,
  type VideoScene,
} from '../../../shared/video/script.js';
import { languageName } from './language.js';
import { clampChars, clausesOf, phrasesOf, quotedLines, sentence, shortenTo, splitSentence, titleFrom, withoutQuotes } from './prompt-text.js';
import { defaultSceneCount, fitDurations, wordBudget, wordsOf } from './timing.js';

/** The offline writer's name wherever its scripts are shown (VideoScriptOutput.model). */
export const OFFLINE_WRITER_MODEL = 'offline-script-writer-v1';

export interface OfflineRequest {
  prompt: string;
  title?: string;
  language: string;
  durationTarget: number;
  sceneCount?: number;
}

export interface WrittenScript {
  script: VideoScript;
  warnings: string[];
}

const AERIAL = /\b(sky|skyline|above|aerial|overhead|horizon|landscape|valley|mountains?|city|coast(?:line)?|island|desert|forest)\b/i;
const CLOSE = /\b(face|faces|eyes?|hands?|tears?|lips|whisper\w*|letter|detail|ring|key|smile\w*)\b/i;
const MOVING = /\b(run\w*|race\w*|chas\w*|fly\w*|flies|drive\w*|driv\w*|rid\w*|walk\w*|sail\w*|gallop\w*|swim\w*|climb\w*|fall\w*|rush\w*)\b/i;
const TURBULENT = /\b(storm\w*|wave\w*|wind\w*|thunder\w*|earthquake|battle|explo\w*|chaos|crash\w*)\b/i;
const SHOT_CYCLE = ['wide', 'medium', 'close'] as const;

/**
 * Camera for a scene from the words it uses (aerial for landscapes, close for faces, tracking for
 * motion, handheld for turbulence), else an establishing → closer progression by `step`.
 */
function cameraFor(text: string, step: number, isFirst: boolean, isLast: boolean, single: boolean): string {
  const shot = AERIAL.test(text) && step === 0 ? 'aerial' : CLOSE.test(text) && step > 0 ? 'close' : single ? 'wide' : SHOT_CYCLE[Math.min(step, 2)]!;
  const move = MOVING.test(text) ? 'tracking' : TURBULENT.test(text) ? 'handheld' : isFirst ? 'slow_pan' : isLast ? 'dolly_out' : 'dolly_in';
  return `${shot}, ${move}`;
}

/** One scene to write: the prompt text it shows, the words it may narrate, its framing step. */
interface Unit {
  text: string;
  narration: string;
  step: number;
}

/** Splits `count` framings over moments in proportion to their length, each at least one, at most `most`. */
function framingsPer(pieces: string[], count: number, most: number): number[] {
  const k = pieces.map(() => 1);
  for (let extra = count - pieces.length; extra > 0; extra--) {
    let best = -1;
    pieces.forEach((p, i) => {
      if (k[i]! < most && (best < 0 || wordsOf(p).length / k[i]! > wordsOf(pieces[best]!).length / k[best]!)) best = i;
    });
    if (best < 0) break;
    k[best] = k[best]! + 1;
  }
  return k;
}

/** Divides a sentence's phrases into `k` consecutive runs (later runs may be empty: silent framings). */
function splitNarration(text: string, k: number): string[] {
  if (k === 1) return [text];
  const phrases = splitSentence(text);
  const runs: string[] = [];
  for (let j = 0; j < k; j++) runs.push(phrases.slice(Math.round((j * phrases.length) / k), Math.round(((j + 1) * phrases.length) / k)).join(', '));
  return runs;
}

/** Groups `pieces` into `n` runs of neighbouring pieces with about equal word counts. */
function groupPieces(pieces: string[], n: number): string[][] {
  const groups: string[][] = [];
  const total = pieces.reduce((s, p) => s + wordsOf(p).length, 0);
  let i = 0;
  for (let g = 0; g < n; g++) {
    const group: string[] = [];
    const remainingGroups = n - g;
    const goal = (total * (g + 1)) / n;
    let sofar = groups.flat().reduce((s, p) => s + wordsOf(p).length, 0);
    // Each group takes at least one piece and leaves one for every later group.
    while (i < pieces.length && (group.length === 0 || (pieces.length - i > remainingGroups - 1 && sofar + wordsOf(pieces[i]!).length / 2 <= goal))) {
      sofar += wordsOf(pieces[i]!).length;
      group.push(pieces[i++]!);
    }
    groups.push(group);
  }
  if (i < pieces.length) groups[groups.length - 1]!.push(...pieces.slice(i));
  return groups.filter((g) => g.length);
}

/**
 * The procedural script writer (no model, no network): the prompt's sentences become scenes in
 * order, its phrases the actions, its quoted speech the dialog and its own words the narration,
 * shortened to what can be said in each scene's share of the target; the camera follows the
 * words (aerial for landscapes, close for faces, tracking for motion) and an establishing-to-close
 * progression. A short prompt gives fewer scenes rather than invented ones.
 */
export function writeOfflineScript(req: OfflineRequest): WrittenScript {
  if (!/[\p{L}\p{N}]/u.test(req.prompt)) throw new Error('The prompt has no words to write a script from: describe the video you want');
  const warnings: string[] = [];
  const clauses = clausesOf(req.prompt);
  const pieces = clauses.length ? clauses : [req.prompt.trim()];
  // No scene may run past MAX_SCENE_SEC, so a long target needs a few scenes whatever the prompt.
  const fewest = Math.ceil(req.durationTarget / MAX_SCENE_SEC);
  const wanted = Math.max(fewest, Math.min(req.sceneCount ?? defaultSceneCount(req.durationTarget), MAX_SCENES, Math.max(1, Math.floor(req.durationTarget))));
  const plural = (n: number, w: string) => `${n} ${w}${n === 1 ? '' : 's'}`;

  let units: Unit[];
  if (pieces.length >= wanted) {
    // More moments than scenes: neighbours share a scene, every word still shown and narrated in order.
    units = groupPieces(pieces, wanted).map((g) => ({ text: g.join('. '), narration: g.map(sentence).join(' '), step: 0 }));
    if (pieces.length > wanted) warnings.push(`The prompt's ${plural(pieces.length, 'sentence')} were grouped into ${plural(wanted, 'scene')} to fit ${req.durationTarget} s`);
  } else {
    // Fewer moments than scenes: each moment is shown in up to three framings (wide → medium → close)
    // with its narration spread over them, rather than inventing moments the prompt does not describe.
    const k = framingsPer(pieces, wanted, Math.max(3, Math.ceil(fewest / pieces.length)));
    units = pieces.flatMap((p, i) => splitNarration(p, k[i]!).map((narration, step) => ({ text: p, narration, step })));
    if (units.length > pieces.length) warnings.push(`The prompt describes ${plural(pieces.length, 'moment')}; the offline writer shows ${pieces.length === 1 ? 'it' : 'them'} in ${plural(units.length, 'framing')} (wide, then closer) instead of inventing scenes`);
    if (units.length < wanted) warnings.push(`The offline writer made ${plural(units.length, 'scene')}, not ${wanted}: the prompt describes too little for more without inventing`);
  }

  const durations = fitDurations(units.map((u) => Math.sqrt(wordsOf(u.narration).length) + 1), req.durationTarget);
  const scenes: VideoScene[] = units.map((unit, index) => {
    const durationSec = durations[index]!;
    const budget = wordBudget(durationSec);
    // Quoted speech belongs to the first framing of its moment only.
    const quotes = unit.step === 0 ? quotedLines(unit.text).slice(0, MAX_DIALOG_LINES - 1) : [];
    const dialog: DialogLine[] = quotes.map((l) => ({ ...l, text: clampChars(l.text, MAX_LINE_CHARS) }));
    const spoken = dialog.reduce((n, l) => n + wordsOf(l.text).length, 0);
    const source = withoutQuotes(unit.narration);
    const full = wordsOf(source).length;
    if (full && spoken < budget) {
      // Beside quoted lines the narration is said whole or not at all; alone it is shortened to fit.
      const narration = quotes.length ? (full <= budget - spoken ? source : null) : shortenTo(source, budget - spoken);
      const kept = narration ? wordsOf(narration).length : 0;
      if (kept < full) warnings.push(kept ? `Scene ${index + 1}: the narration was shortened from ${full} to ${kept} words so it can be said in ${durationSec} s` : `Scene ${index + 1}: not narrated, its ${full} words do not fit in ${durationSec} s beside its quoted lines`);
      if (narration) dialog.unshift({ text: clampChars(sentence(narration), MAX_LINE_CHARS) });
    } else if (spoken > budget) {
      warnings.push(`Scene ${index + 1}: its quoted lines (${spoken} words) take longer than its ${durationSec} s; the render lengthens the scene to the speech`);
    }
    const shown = withoutQuotes(unit.text) || unit.text;
    const actions = phrasesOf(unit.step === 0 ? unit.text : unit.narration || unit.text).slice(0, MAX_ACTIONS).map((a) => clampChars(a, MAX_ACTION_CHARS));
    return {
      id: `s${index + 1}`,
      description: clampChars(sentence(shown), MAX_DESCRIPTION_CHARS),
      camera: cameraFor(unit.text, units.length === pieces.length ? Math.min(index, 2) : unit.step, index === 0, index === units.length - 1, units.length === 1),
      durationSec,
      actions: actions.length ? actions : [clampChars(shown, MAX_ACTION_CHARS)],
      dialog,
    };
  });

  if (!/^en\b/i.test(req.language)) {
    warnings.push(`The offline writer keeps the prompt's own words and cannot write in ${languageName(req.language)}; the narration is in the language of the prompt (translation needs an LLM)`);
  }
  const title = clampChars(req.title?.trim() || titleFrom(pieces[0]!), MAX_TITLE_CHARS);
  return { script: VideoScript.parse({ title, scenes }), warnings };
}
