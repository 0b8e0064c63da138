import { glslFloat } from './rng.js';

/**
 * Named palettes (five stops each), the colour words that summon them, and the temperature
 * shift of the style slider. Stops are sorted dark → bright so shaders can use the palette
 * as an intensity ramp (background → highlight) as well as a hue cycle.
 */

export type Rgb = [number, number, number];

export interface PaletteDef {
  name: string;
  /** Adjective for titles and descriptions ("oceanic", "golden" …). */
  adjective: string;
  colors: readonly string[];
  words: readonly string[];
}

export const PALETTES: readonly PaletteDef[] = [
  { name: 'ocean', adjective: 'Oceanic', colors: ['#02111b', '#0a3d62', '#1b7fa6', '#48cae4', '#caf0f8'], words: ['ocean', 'sea', 'marine', 'aqua', 'teal', 'blue', 'underwater', 'deep', 'lagoon', 'tide'] },
  { name: 'sunset', adjective: 'Sunset', colors: ['#1a0b2e', '#6a1b4d', '#d1495b', '#f79256', '#ffd27d'], words: ['sunset', 'dusk', 'sunrise', 'dawn', 'evening', 'orange', 'peach', 'twilight'] },
  { name: 'neon', adjective: 'Neon', colors: ['#07020f', '#3a0ca3', '#f72585', '#4cc9f0', '#f0f6ff'], words: ['neon', 'cyber', 'cyberpunk', 'synth', 'synthwave', 'electric', 'laser', 'club', 'rave', 'magenta'] },
  { name: 'forest', adjective: 'Verdant', colors: ['#081c15', '#1b4332', '#40916c', '#95d5b2', '#e9f5db'], words: ['forest', 'green', 'jungle', 'moss', 'leaf', 'leaves', 'emerald', 'nature', 'garden', 'woods'] },
  { name: 'ice', adjective: 'Glacial', colors: ['#0b1320', '#1c3f60', '#5fa8d3', '#bee9e8', '#ffffff'], words: ['ice', 'icy', 'frozen', 'winter', 'snow', 'arctic', 'glacier', 'frost', 'cold', 'crystal'] },
  { name: 'fire', adjective: 'Molten', colors: ['#0d0200', '#6a040f', '#dc2f02', '#f48c06', '#ffe8a3'], words: ['fire', 'flame', 'flames', 'lava', 'magma', 'ember', 'embers', 'inferno', 'burning', 'red', 'hot', 'volcano'] },
  { name: 'pastel', adjective: 'Pastel', colors: ['#5e548e', '#9f86c0', '#e0b1cb', '#bde0fe', '#fdf0d5'], words: ['pastel', 'soft', 'candyfloss', 'baby', 'cute', 'kawaii', 'cotton'] },
  { name: 'monochrome', adjective: 'Monochrome', colors: ['#050505', '#2b2b2b', '#6b6b6b', '#b5b5b5', '#f5f5f5'], words: ['monochrome', 'black', 'white', 'grey', 'gray', 'noir', 'greyscale', 'grayscale', 'silver', 'ink'] },
  { name: 'gold', adjective: 'Golden', colors: ['#1c1204', '#5c3d0a', '#b8860b', '#e9c46a', '#fff3c4'], words: ['gold', 'golden', 'brass', 'bronze', 'amber', 'honey', 'luxury', 'royal'] },
  { name: 'candy', adjective: 'Candy', colors: ['#2b0a3d', '#ff006e', '#fb5607', '#ffbe0b', '#8ecae6'], words: ['candy', 'pink', 'bubblegum', 'sweet', 'pop', 'playful', 'fun'] },
  { name: 'toxic', adjective: 'Toxic', colors: ['#050a02', '#1f3b08', '#55a630', '#aacc00', '#eeff8a'], words: ['toxic', 'acid', 'radioactive', 'slime', 'poison', 'lime', 'alien'] },
  { name: 'vapor', adjective: 'Vaporwave', colors: ['#14072b', '#541388', '#d90368', '#2de2e6', '#ffd6ff'], words: ['vaporwave', 'vapor', 'retro', '80s', 'outrun', 'miami', 'arcade'] },
  { name: 'desert', adjective: 'Desert', colors: ['#2d1b0e', '#7f4f24', '#b08968', '#ddb892', '#f6ead4'], words: ['desert', 'sand', 'earth', 'dune', 'clay', 'terracotta', 'brown', 'rust', 'canyon'] },
  { name: 'midnight', adjective: 'Midnight', colors: ['#03040b', '#10163a', '#283c86', '#6a7fdb', '#d6e0ff'], words: ['midnight', 'night', 'dark', 'moon', 'moonlight', 'navy', 'indigo', 'nocturnal'] },
  { name: 'lavender', adjective: 'Violet', colors: ['#10002b', '#3c096c', '#7b2cbf', '#c77dff', '#f3e8ff'], words: ['purple', 'violet', 'lavender', 'amethyst', 'lilac', 'mystic', 'magic'] },
  { name: 'aurora', adjective: 'Boreal', colors: ['#020510', '#0b3d2e', '#1fab89', '#62d2a2', '#d7fbe8'], words: ['aurora', 'boreal', 'borealis', 'northern'] },
  { name: 'rainbow', adjective: 'Prismatic', colors: ['#3a0ca3', '#e63946', '#f4a261', '#2a9d8f', '#e9f5a1'], words: ['rainbow', 'prism', 'prismatic', 'spectrum', 'colorful', 'colourful', 'iridescent', 'holographic'] },
  { name: 'storm', adjective: 'Stormy', colors: ['#07090d', '#1c2331', '#3d4a5c', '#8796ab', '#e3ebf5'], words: ['storm', 'stormy', 'thunder', 'thunderstorm', 'rain', 'rainy', 'overcast', 'lightning', 'slate'] },
  { name: 'blood', adjective: 'Crimson', colors: ['#0a0000', '#3d0000', '#8b0000', '#d00000', '#ff8fa3'], words: ['blood', 'crimson', 'scarlet', 'ruby', 'horror', 'demon', 'hell'] },
];

const BY_NAME = new Map(PALETTES.map((p) => [p.name, p]));

export function paletteByName(name: string): PaletteDef {
  const p = BY_NAME.get(name);
  if (!p) throw new Error(`Unknown palette ${name}`);
  return p;
}

/**
 * Two colour words ("ocean at sunset"): the first gives the shadows (its two darkest stops), the
 * second the light (its three brightest), so both show up in the piece.
 */
export function blendPalettes(shadows: PaletteDef, light: PaletteDef): PaletteDef {
  const byLum = (p: PaletteDef) => [...p.colors].sort((a, b) => luminance(hexToRgb(a)) - luminance(hexToRgb(b)));
  return {
    name: `${shadows.name}-${light.name}`,
    adjective: shadows.adjective,
    colors: [...byLum(shadows).slice(0, 2), ...byLum(light).slice(2)],
    words: [],
  };
}

export function hexToRgb(hex: string): Rgb {
  const n = parseInt(hex.slice(1), 16);
  return [((n >> 16) & 255) / 255, ((n >> 8) & 255) / 255, (n & 255) / 255];
}

export function rgbToHex(c: Rgb): string {
  return `#${c.map((x) => Math.round(Math.min(1, Math.max(0, x)) * 255).toString(16).padStart(2, '0')).join('')}`;
}

export const luminance = (c: Rgb): number => 0.2126 * c[0] + 0.7152 * c[1] + 0.0722 * c[2];

const WARM: Rgb = [1.0, 0.55, 0.22];
const COOL: Rgb = [0.22, 0.55, 1.0];

/**
 * The temperature slider: each stop is tinted toward warm or cool light by |t| × 60 %, keeping
 * its luminance (up to clipping) so contrast survives. t = 0 leaves it untouched.
 */
export function shiftTemperature(colors: readonly Rgb[], t: number): Rgb[] {
  const amount = Math.min(1, Math.abs(t)) * 0.6;
  if (amount === 0) return colors.map((c) => [...c] as Rgb);
  const tint = t > 0 ? WARM : COOL;
  return colors.map((c) => {
    const l = luminance(c);
    const tinted: Rgb = [c[0] * (1 - amount) + tint[0] * l * 1.6 * amount, c[1] * (1 - amount) + tint[1] * l * 1.6 * amount, c[2] * (1 - amount) + tint[2] * l * 1.6 * amount];
    const lt = luminance(tinted);
    const k = lt > 1e-4 ? l / lt : 1;
    return tinted.map((x) => Math.min(1, x * k)) as Rgb;
  });
}

/** −1 cool … +1 warm, from red vs blue weighted by saturation; near 0 for greys. */
export function warmthOf(colors: readonly Rgb[]): number {
  let sum = 0;
  let weight = 0;
  for (const c of colors) {
    const max = Math.max(...c);
    const min = Math.min(...c);
    const sat = max > 0 ? (max - min) / max : 0;
    sum += (c[0] - c[2]) * sat;
    weight += sat;
  }
  if (weight < 0.05) return 0;
  return Math.max(-1, Math.min(1, (sum / weight) * 1.6));
}

/** Mean saturation; below ~0.08 the palette reads as monochrome. */
export function saturationOf(colors: readonly Rgb[]): number {
  return colors.reduce((s, c) => s + (Math.max(...c) > 0 ? (Math.max(...c) - Math.min(...c)) / Math.max(...c) : 0), 0) / colors.length;
}

export interface ResolvedPalette {
  def: PaletteDef;
  /** Dark → bright, temperature applied. */
  stops: Rgb[];
  hex: string[];
  warmth: number;
  monochrome: boolean;
}

export function resolvePalette(def: PaletteDef, temperature: number): ResolvedPalette {
  // Sorted after the shift: clipping can swap two bright stops, and ramp() needs dark → bright.
  const stops = shiftTemperature(def.colors.map(hexToRgb), temperature).sort((a, b) => luminance(a) - luminance(b));
  return { def, stops, hex: stops.map(rgbToHex), warmth: warmthOf(stops), monochrome: saturationOf(stops) < 0.08 };
}

/** `const vec3 P0 … P4` plus pal() (cyclic hue walk), glow() (bright stops only) and ramp() (dark → bright). */
export function paletteGlsl(p: ResolvedPalette): string {
  const consts = p.stops.map((c, i) => `const vec3 P${i} = vec3(${c.map((x) => glslFloat(x)).join(', ')});`).join('\n');
  return `${consts}
// Cyclic walk through the five stops (t wraps every 1.0).
vec3 pal(float t) {
    t = fract(t) * 5.0;
    vec3 c = mix(P0, P1, clamp(t, 0.0, 1.0));
    c = mix(c, P2, clamp(t - 1.0, 0.0, 1.0));
    c = mix(c, P3, clamp(t - 2.0, 0.0, 1.0));
    c = mix(c, P4, clamp(t - 3.0, 0.0, 1.0));
    return mix(c, P0, clamp(t - 4.0, 0.0, 1.0));
}
// Cyclic walk through the three brightest stops: for lights, lines and glowing things.
vec3 glow(float t) {
    t = fract(t) * 3.0;
    vec3 c = mix(P2, P3, clamp(t, 0.0, 1.0));
    c = mix(c, P4, clamp(t - 1.0, 0.0, 1.0));
    return mix(c, P2, clamp(t - 2.0, 0.0, 1.0));
}
// Dark (0) to bright (1) through the stops, clamped.
vec3 ramp(float t) {
    t = clamp(t, 0.0, 1.0) * 4.0;
    vec3 c = mix(P0, P1, clamp(t, 0.0, 1.0));
    c = mix(c, P2, clamp(t - 1.0, 0.0, 1.0));
    c = mix(c, P3, clamp(t - 2.0, 0.0, 1.0));
    return mix(c, P4, clamp(t - 3.0, 0.0, 1.0));
}
`;
}
