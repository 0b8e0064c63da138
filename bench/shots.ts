// Shots studio benchmarks: parsing a 120-page screenplay with shared/shots (fountain-js lexing one
// scene at a time, plus boneyard/dual/heading fixes) against plain fountain-js Lexer.tokenize on
// the same text in the same process (its token list grows by copying, so it is quadratic in the
// script's length); and the offline breakdown, in milliseconds per page.
// Standalone: `npx tsx bench/shots.ts`.
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import { Lexer } from 'fountain-js';
import { LINES_PER_PAGE, sceneLines } from '../shared/shots/duration.js';
import { parseScreenplay } from '../shared/shots/parse-script.js';
import { heuristicBreakdown } from '../worker/shots/breakdown-heuristic.js';
import { printTable, row, type BenchRow } from './table.js';

const RUNS = 7;
const BASELINE_RUNS = 7;
export const PAGES = 120;

const PLACES = ['KITCHEN', 'ROOFTOP', 'SUBWAY CAR', 'POLICE STATION', 'DINER', 'DESERT ROAD', 'SERVER ROOM', 'HOSPITAL CORRIDOR'];
const NAMES = ['MAYA', 'DEV', 'BRICK', 'STEEL', 'RUTH', 'OSCAR'];

/** A deterministic screenplay with every common element, about `pages` pages long. */
export function syntheticScreenplay(pages: number): string {
  const head = 'Title: Bench Script\nAuthor: Auteur\nDraft date: 2026-12-06\n\n# ACT I\n\n= The long night.\n\nFADE IN:\n\n';
  const scenes: string[] = [];
  let lines = 0;
  for (let i = 0; lines < pages * LINES_PER_PAGE; i++) {
    const a = NAMES[i % NAMES.length]!;
    const b = NAMES[(i + 1) % NAMES.length]!;
    const text = [
      `${i % 3 ? 'INT' : 'EXT'}. ${PLACES[i % PLACES.length]} - ${i % 2 ? 'NIGHT' : 'DAY'} #${i + 1}#`,
      `${a} enters, soaked, and drops a *heavy* bag on the table. The lights flicker twice [[check the practicals]].`,
      i % 4 === 0 ? 'CLOSE ON the bag: something inside is moving.' : `${b} does not look up from the newspaper.`,
      `${a}\n(out of breath)\nWe have to go. Now.`,
      `${b} (O.S.)\nWhere would we even go?`,
      `${a}\nAnywhere but here.\n\n${b} ^\nAnywhere but here.`,
      i % 5 === 0 ? `/* An alternate beat:\n${b} laughs.\n*/` : `~A song on the radio, low.`,
      i % 7 === 0 ? 'CUT TO:' : `${b} stands. The camera PUSHES IN on the bag.`,
    ].join('\n\n');
    scenes.push(text);
    lines += sceneLines(parseScreenplay(text).scenes[0]!);
  }
  return head + scenes.join('\n\n') + '\n';
}

function time(fn: () => unknown, runs: number): number[] {
  // Warm-ups: the JIT settles after a few parses (one was not enough on a busy machine).
  for (let i = 0; i < 3; i++) fn();
  const out: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    fn();
    out.push(performance.now() - t);
  }
  return out;
}

export async function benchShots(): Promise<BenchRow[]> {
  const src = syntheticScreenplay(PAGES);
  const parsed = parseScreenplay(src);
  const ours = time(() => parseScreenplay(src), RUNS);
  const plain = time(() => Lexer.tokenize(src), BASELINE_RUNS);
  const breakdown = time(() => {
    for (const s of parsed.scenes) heuristicBreakdown(s);
  }, RUNS).map((ms) => ms / parsed.pages);
  // 500 pages: fountain-js alone needs minutes here (quadratic), so this row has no baseline.
  const long = syntheticScreenplay(500);
  const ours500 = time(() => parseScreenplay(long), 3);
  return [
    row(`shots: parse ${PAGES}-page screenplay (${parsed.scenes.length} scenes) vs fountain-js`, ours, plain),
    row('shots: parse 500-page screenplay', ours500),
    row('shots: offline breakdown, per page', breakdown),
  ];
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) printTable(await benchShots());
