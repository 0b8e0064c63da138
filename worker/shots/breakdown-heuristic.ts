import type { BreakdownShot, ShotType } from '../../shared/jobs/shots-breakdown.js';
import { dialogueSeconds, elementLines, roundSeconds, secondsFromLines } from '../../shared/shots/duration.js';
import type { ParsedScene, ScreenplayElement } from '../../shared/shots/screenplay.js';

/**
 * The offline breakdown: no model, only the page. Each action paragraph is a shot; each run of
 * dialogue is one shot per (at most) three speeches; durations follow the one-page-per-minute
 * rule, dialogue the longer of that and reading speed; shot types and camera moves come from the
 * writer's own cues (CLOSE ON, WIDE, INSERT, POV, PUSH IN …), else the first shot of a scene is a
 * wide and the rest are mediums. It invents nothing the script does not say.
 */

const TYPE_CUES: [RegExp, ShotType][] = [
  [/\b(?:EXTREME CLOSE(?:[- ]UP)?|ECU|XCU)\b/, 'EXTREME CLOSE-UP'],
  [/\bINSERT\b/, 'INSERT'],
  [/\bPOV\b/, 'POV'],
  [/\b(?:CLOSE ON|CLOSE[- ]UP|CLOSEUP|CU)\b/, 'CLOSE-UP'],
  [/\b(?:OVER THE SHOULDER|OTS)\b/, 'OVER THE SHOULDER'],
  [/\bTWO[- ]SHOT\b/, 'TWO SHOT'],
  [/\b(?:AERIAL|BIRD'S[- ]EYE|OVERHEAD SHOT)\b/, 'AERIAL'],
  [/\bESTABLISHING\b/, 'ESTABLISHING'],
  [/\b(?:WIDE(?: SHOT| ON)?|WS|LONG SHOT)\b/, 'WIDE'],
  [/\b(?:TRACKING(?: SHOT)?|FOLLOW(?:ING)? SHOT)\b/, 'TRACKING'],
  [/\b(?:FULL SHOT)\b/, 'FULL'],
  [/\b(?:MEDIUM(?: SHOT)?|MS|ANGLE ON)\b/, 'MEDIUM'],
];

const CAMERA_CUES: [RegExp, string][] = [
  [/\b(?:PUSH(?:ES)? IN|PUSHING IN)\b/i, 'slow push in'],
  [/\b(?:PULL(?:S)? (?:BACK|OUT))\b/i, 'pull back'],
  [/\bDOLLY\b/i, 'dolly'],
  [/\bPAN(?:S|NING)?\b/i, 'pan'],
  [/\bTILT(?:S|ING)?\b/i, 'tilt'],
  [/\bCRANE\b/i, 'crane'],
  [/\bHANDHELD\b/i, 'handheld'],
  [/\bZOOM(?:S|ING)?\b/i, 'zoom'],
  [/\bTRACKING\b/i, 'tracking'],
  [/\b(?:STEADICAM)\b/i, 'steadicam'],
];

const MIN_SHOT_SECONDS = 2;
const SPEECHES_PER_SHOT = 3;

export function shotTypeFromCue(text: string): ShotType | null {
  // Cues are written in capitals ("CLOSE ON the keys"); lower-case prose ("a wide smile") is not one.
  for (const [re, type] of TYPE_CUES) if (re.test(text)) return type;
  return null;
}

export function cameraFromCue(text: string): string | null {
  for (const [re, move] of CAMERA_CUES) if (re.test(text)) return move;
  return null;
}

function escapeRe(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Scene characters (the speakers) named in a text, by full cue or first name. */
function namedIn(text: string, speakers: string[]): string[] {
  return speakers.filter((name) => {
    const first = name.split(/\s+/)[0]!;
    const pattern = first.length >= 3 && first !== name ? `${escapeRe(name)}|${escapeRe(first)}` : escapeRe(name);
    return new RegExp(`(?<![\\p{L}])(?:${pattern})(?![\\p{L}])`, 'iu').test(text);
  });
}

function clip(text: string, max = 400): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
}

type Dialogue = Extract<ScreenplayElement, { type: 'dialogue' }>;

function dialogueShot(run: Dialogue[], first: boolean): BreakdownShot {
  const speakers = [...new Set(run.map((d) => d.character))];
  const lines = run.reduce((n, d) => n + elementLines(d), 0);
  const spoken = run.reduce((s, d) => s + dialogueSeconds(d.parts), 0);
  const dual = run.some((d) => d.dual);
  const quote = (d: Dialogue) => `${d.character}: “${clip(d.parts.filter((p) => p.kind === 'line').map((p) => p.text).join(' '), 120)}”`;
  const who = speakers.length === 1 ? speakers[0]! : `${speakers.slice(0, -1).join(', ')} and ${speakers.at(-1)}`;
  const verb = dual ? 'speak over each other' : speakers.length === 1 ? 'speaks' : 'talk';
  const shotType: ShotType = dual || speakers.length === 2 ? (dual ? 'TWO SHOT' : 'OVER THE SHOULDER') : speakers.length > 2 ? (first ? 'WIDE' : 'MEDIUM') : 'CLOSE-UP';
  return {
    description: clip(`${who} ${verb}. ${run.map(quote).join(' ')}`, 600),
    duration: roundSeconds(Math.max(MIN_SHOT_SECONDS, secondsFromLines(lines), spoken)),
    shotType,
    camera: speakers.length === 2 && !dual ? 'shot / reverse shot' : 'static',
    characters: speakers,
  };
}

export function heuristicBreakdown(scene: Pick<ParsedScene, 'slugline' | 'elements'>): BreakdownShot[] {
  const speakers = [...new Set(scene.elements.filter((e): e is Dialogue => e.type === 'dialogue').map((e) => e.character))];
  const sluglineType = shotTypeFromCue(scene.slugline);
  const shots: BreakdownShot[] = [];
  let run: Dialogue[] = [];
  const flush = () => {
    for (let i = 0; i < run.length; i += SPEECHES_PER_SHOT) shots.push(dialogueShot(run.slice(i, i + SPEECHES_PER_SHOT), shots.length === 0));
    run = [];
  };
  for (const el of scene.elements) {
    if (el.type === 'dialogue') {
      run.push(el);
      continue;
    }
    if (el.type !== 'action') continue;
    flush();
    const cue = shotTypeFromCue(el.text);
    shots.push({
      description: clip(el.text, 1000),
      duration: roundSeconds(Math.max(MIN_SHOT_SECONDS, secondsFromLines(elementLines(el)))),
      shotType: cue ?? (shots.length === 0 ? sluglineType ?? 'WIDE' : 'MEDIUM'),
      camera: cameraFromCue(el.text) ?? 'static',
      characters: namedIn(el.text, speakers),
    });
  }
  flush();
  return shots;
}
