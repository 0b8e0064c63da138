import type { ShaderSource } from '../../../shared/shaders/source.js';

/**
 * What a shader's GLSL says about its look, read from the text: identifier counts (hashed into
 * the style vector) and construct scores (raymarching, noise/fbm, polar coordinates, fractal
 * iteration, loop work, trig density, texture reads …), each squashed to 0..1.
 */

export const CONSTRUCTS = [
  'raymarch', 'sdf', 'noise', 'fbm', 'polar', 'tunnel', 'fractal', 'kaleidoscope',
  'trig', 'textureReads', 'loops', 'loopWork', 'smoothstep', 'mix', 'repetition', 'rotation',
  'cosinePalette', 'time', 'mouse', 'channels', 'multipass', 'feedback', 'lighting', 'codeSize',
  'functions', 'glow', 'hash', 'voronoi', 'particles', 'grid', 'colorSpace', 'exponential',
] as const;
export type Construct = (typeof CONSTRUCTS)[number];

export interface GlslFeatures {
  /** Identifier and keyword counts over all passes (comments, numbers and strings removed). */
  tokens: Map<string, number>;
  constructs: Record<Construct, number>;
  tokenCount: number;
  loopCount: number;
  /** Sum of literal loop bounds (a loop without one counts as 16). */
  loopWork: number;
  /** sin/cos calls per 100 tokens. */
  trigDensity: number;
}

const sat = (x: number, k: number): number => 1 - Math.exp(-Math.max(0, x) / k);
const count = (code: string, re: RegExp): number => code.match(re)?.length ?? 0;

export function stripComments(code: string): string {
  return code.replace(/\/\*[\s\S]*?\*\//g, ' ').replace(/\/\/[^\n]*/g, ' ');
}

function allCode(src: ShaderSource): string {
  return [src.common, ...src.buffers.map((b) => b.code), src.image.code].map(stripComments).join('\n');
}

/** Literal bounds of `for` loops: `i < 64`, `i <= 100`, `i < MAX_STEPS` with `#define MAX_STEPS 80`. */
function loopBounds(code: string): number[] {
  const defines = new Map<string, number>();
  for (const m of code.matchAll(/#define\s+(\w+)\s+(\d+(?:\.\d+)?)/g)) defines.set(m[1] as string, Number(m[2]));
  for (const m of code.matchAll(/const\s+(?:int|float)\s+(\w+)\s*=\s*(\d+(?:\.\d+)?)/g)) defines.set(m[1] as string, Number(m[2]));
  const bounds: number[] = [];
  for (const m of code.matchAll(/for\s*\(([^;]*);([^;]*);/g)) {
    const cond = m[2] as string;
    const lit = /<=?\s*(\d+(?:\.\d+)?)/.exec(cond);
    const named = /<=?\s*([A-Za-z_]\w*)/.exec(cond);
    const v = lit ? Number(lit[1]) : named && defines.has(named[1] as string) ? (defines.get(named[1] as string) as number) : 16;
    bounds.push(Math.min(v, 10_000));
  }
  return bounds;
}

export function glslFeatures(src: ShaderSource): GlslFeatures {
  const code = allCode(src);
  const tokens = new Map<string, number>();
  let tokenCount = 0;
  for (const m of code.matchAll(/[A-Za-z_][A-Za-z0-9_]*/g)) {
    const t = m[0];
    tokenCount++;
    if (t.length < 2) continue;
    tokens.set(t, (tokens.get(t) ?? 0) + 1);
  }
  const tk = (name: string) => tokens.get(name) ?? 0;
  const bounds = loopBounds(code);
  const loopWork = bounds.reduce((a, b) => a + b, 0);
  const trig = tk('sin') + tk('cos') + tk('tan');
  const hasLoop = bounds.length > 0 || /\bwhile\s*\(/.test(code);
  const rayNames = count(code, /\b(ro|rd|rayDir|rayOrigin|march\w*|raymarch\w*|castRay|trace|sphereTrace)\b/g);
  const mapCalls = count(code, /\b(map|sdf|scene|de|DE)\s*\(/g);
  const sdfCalls = count(code, /\b(sd[A-Z]\w*|opU\w*|smin|smax|udBox|sdf\w*)\s*\(/g);
  const lighting = count(code, /\b(calcNormal|normal|getNormal|reflect|refract|diffuse|specular|shadow|softshadow|ao|calcAO)\b/g);
  const fractalOps = count(code, /\b(mandel\w*|julia|fractal|kifs|fold|apollonian|menger)\b/gi) + count(code, /\w+\.x\s*\*\s*\w+\.x\s*-\s*\w+\.y\s*\*\s*\w+\.y/g);
  const polar = tk('atan');
  const invLength = count(code, /\/\s*(?:length|dot)\s*\(/g);
  const cbs = src.buffers;
  const feedback = cbs.filter((b) => b.channels.some((c) => c.type === 'buffer' && c.id === b.id)).length;
  const channelReads = count(code, /\biChannel[0-3]\b/g);

  const constructs: Record<Construct, number> = {
    raymarch: hasLoop && (rayNames > 0 || mapCalls > 0) ? sat(rayNames + mapCalls + sdfCalls, 4) : 0,
    sdf: sat(sdfCalls + tk('length') * 0.5, 6),
    noise: sat(count(code, /\b\w*(noise|Noise)\w*\b/g), 3),
    fbm: sat(count(code, /\b(fbm|FBM|octave\w*|turbulence)\b/g), 2),
    polar: sat(polar, 2),
    tunnel: polar > 0 && invLength > 0 ? sat(invLength, 1) : 0,
    fractal: hasLoop ? sat(fractalOps + (hasLoop && /abs\s*\(\s*\w+\s*\)\s*\/\s*dot/.test(code) ? 2 : 0), 1.5) : 0,
    kaleidoscope: sat(count(code, /\b(kaleido\w*|mirror\w*)\b/gi) + (polar > 0 && /mod\s*\(\s*\w*(a|angle|ang)\w*\s*,/.test(code) ? 2 : 0), 1.5),
    trig: sat(tokenCount ? (trig / tokenCount) * 100 : 0, 4),
    textureReads: sat(tk('texture') + tk('texelFetch') + tk('textureLod'), 3),
    loops: sat(bounds.length, 2),
    loopWork: sat(loopWork, 128),
    smoothstep: sat(tk('smoothstep'), 3),
    mix: sat(tk('mix'), 3),
    repetition: sat(tk('fract') + tk('mod'), 4),
    rotation: sat(count(code, /\bmat2\s*\(\s*(cos|sin)/g) + count(code, /\brot\w*\s*\(/g), 1.5),
    cosinePalette: sat(count(code, /\bcos\s*\(\s*6\.28\d*|\bpalette\s*\(|0?\.5\s*\+\s*0?\.5\s*\*\s*cos\s*\(/g), 1),
    time: sat(tk('iTime') + tk('iGlobalTime'), 3),
    mouse: sat(tk('iMouse'), 1),
    channels: sat(channelReads, 2),
    multipass: sat(cbs.length, 1.5),
    feedback: sat(feedback, 1),
    lighting: sat(lighting, 3),
    codeSize: sat(tokenCount, 600),
    functions: sat(count(code, /\b(?:float|vec[234]|mat[234]|void|int|bool)\s+\w+\s*\([^;{)]*\)\s*\{/g), 6),
    glow: sat(count(code, /\d*\.\d+\s*\/\s*(?:abs|length)\s*\(/g) + count(code, /\bglow\w*\b/gi), 2),
    hash: sat(count(code, /\bhash\w*\s*\(/g) + count(code, /43758\.5453/g), 2),
    voronoi: sat(count(code, /\b(voronoi\w*|worley|cell\w*)\b/gi), 1.5),
    particles: sat(count(code, /\b(star\w*|particle\w*|spark\w*)\b/gi), 2),
    grid: sat(count(code, /\b(grid|line\w*|stripe\w*|checker\w*)\b/gi), 2),
    colorSpace: sat(count(code, /\b(hsv\w*|hsl\w*|rgb2\w*)\b/gi), 1.5),
    exponential: sat(tk('exp') + tk('pow') + tk('log'), 4),
  };
  return { tokens, constructs, tokenCount, loopCount: bounds.length, loopWork, trigDensity: tokenCount ? (trig / tokenCount) * 100 : 0 };
}
