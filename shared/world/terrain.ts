/**
 * World terrain: a chunked heightmap with sculpt brushes and a three-layer splat, PURE and
 * deterministic (no Math.random, no clocks), so the renderer, the host and a future multiplayer
 * room can replay the same brush strokes to the same heights.
 *
 * Layout: the world ground is GRID×GRID chunks centred on the origin; a chunk is CHUNK_CELLS
 * cells of CELL_M metres per side, so it holds VERTS×VERTS vertices. Vertices on a chunk edge
 * exist in both neighbours and are always written to both, so chunk meshes and physics
 * heightfields meet without cracks. Heights are metres on the world Y axis; a chunk that was
 * never edited is flat at 0 and is not stored (sparse save).
 */

export const CHUNK_CELLS = 16;
export const CELL_M = 2;
export const VERTS = CHUNK_CELLS + 1;
export const CHUNK_M = CHUNK_CELLS * CELL_M;
/** Chunks per side (the ground spans GRID*CHUNK_M metres, centred on the origin). */
export const GRID = 4;
export const HALF_EXTENT_M = (GRID * CHUNK_M) / 2;
export const MIN_HEIGHT = -32;
export const MAX_HEIGHT = 64;

export const SPLAT_LAYERS = ['grass', 'rock', 'sand'] as const;
export type SplatLayer = (typeof SPLAT_LAYERS)[number];

export const BRUSH_TOOLS = ['raise', 'lower', 'smooth', 'flatten', 'noise', 'terrace', 'paint'] as const;
export type BrushTool = (typeof BRUSH_TOOLS)[number];

export interface TerrainChunk {
  cx: number;
  cz: number;
  /** VERTS*VERTS heights, row-major: index = iz * VERTS + ix. */
  heights: Float32Array;
  /** VERTS*VERTS*3 splat weights (grass, rock, sand), 0–255, summing to 255 per vertex. */
  splat: Uint8Array;
}

export interface Terrain {
  chunks: Map<string, TerrainChunk>;
}

export interface BrushStroke {
  tool: BrushTool;
  /** Brush centre in world metres. */
  x: number;
  z: number;
  radius: number;
  /** 0–1: how much one dab changes the ground. */
  strength: number;
  /** flatten: the height to pull towards (metres). */
  targetHeight?: number;
  /** terrace: step height (metres). */
  step?: number;
  /** noise: seed of the value noise. */
  seed?: number;
  /** paint: the layer painted. */
  layer?: SplatLayer;
}

export const chunkKey = (cx: number, cz: number): string => `${cx},${cz}`;

/** Chunk coordinates run from -GRID/2 to GRID/2-1 on each axis. */
export function chunkCoords(): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  for (let cz = -GRID / 2; cz < GRID / 2; cz++) for (let cx = -GRID / 2; cx < GRID / 2; cx++) out.push([cx, cz]);
  return out;
}

export function inGrid(cx: number, cz: number): boolean {
  return cx >= -GRID / 2 && cx < GRID / 2 && cz >= -GRID / 2 && cz < GRID / 2;
}

export function flatChunk(cx: number, cz: number): TerrainChunk {
  const splat = new Uint8Array(VERTS * VERTS * 3);
  for (let i = 0; i < VERTS * VERTS; i++) splat[i * 3] = 255;
  return { cx, cz, heights: new Float32Array(VERTS * VERTS), splat };
}

/** A terrain with every chunk of the grid present and flat. */
export function createTerrain(): Terrain {
  const chunks = new Map<string, TerrainChunk>();
  for (const [cx, cz] of chunkCoords()) chunks.set(chunkKey(cx, cz), flatChunk(cx, cz));
  return { chunks };
}

export function cloneTerrain(t: Terrain): Terrain {
  const chunks = new Map<string, TerrainChunk>();
  for (const [k, c] of t.chunks) chunks.set(k, { cx: c.cx, cz: c.cz, heights: c.heights.slice(), splat: c.splat.slice() });
  return { chunks };
}

/** World position of a chunk's (0,0) vertex. */
export function chunkOrigin(cx: number, cz: number): { x: number; z: number } {
  return { x: cx * CHUNK_M, z: cz * CHUNK_M };
}

/* ---------- global vertex grid ---------- */

/** Global vertex index range on one axis. */
const G_MIN = (-GRID / 2) * CHUNK_CELLS;
const G_MAX = (GRID / 2) * CHUNK_CELLS;

/** Every (chunk, local index) that stores global vertex (gx, gz): 1, 2 or 4 of them. */
function owners(t: Terrain, gx: number, gz: number): Array<[TerrainChunk, number]> {
  const out: Array<[TerrainChunk, number]> = [];
  const cxs = [Math.floor(gx / CHUNK_CELLS)];
  if (gx % CHUNK_CELLS === 0) cxs.push(gx / CHUNK_CELLS - 1);
  const czs = [Math.floor(gz / CHUNK_CELLS)];
  if (gz % CHUNK_CELLS === 0) czs.push(gz / CHUNK_CELLS - 1);
  for (const cx of cxs) {
    for (const cz of czs) {
      const c = t.chunks.get(chunkKey(cx, cz));
      if (!c) continue;
      const ix = gx - cx * CHUNK_CELLS;
      const iz = gz - cz * CHUNK_CELLS;
      if (ix < 0 || ix > CHUNK_CELLS || iz < 0 || iz > CHUNK_CELLS) continue;
      out.push([c, iz * VERTS + ix]);
    }
  }
  return out;
}

function heightAtVertex(t: Terrain, gx: number, gz: number): number {
  const gxc = Math.min(G_MAX, Math.max(G_MIN, gx));
  const gzc = Math.min(G_MAX, Math.max(G_MIN, gz));
  const o = owners(t, gxc, gzc)[0];
  return o ? (o[0].heights[o[1]] ?? 0) : 0;
}

/** Ground height at a world point (bilinear between vertices); 0 outside the grid. */
export function sampleHeight(t: Terrain, x: number, z: number): number {
  const fx = x / CELL_M;
  const fz = z / CELL_M;
  if (fx < G_MIN || fx > G_MAX || fz < G_MIN || fz > G_MAX) return 0;
  const x0 = Math.floor(fx);
  const z0 = Math.floor(fz);
  const tx = fx - x0;
  const tz = fz - z0;
  const h00 = heightAtVertex(t, x0, z0);
  const h10 = heightAtVertex(t, x0 + 1, z0);
  const h01 = heightAtVertex(t, x0, z0 + 1);
  const h11 = heightAtVertex(t, x0 + 1, z0 + 1);
  return (h00 * (1 - tx) + h10 * tx) * (1 - tz) + (h01 * (1 - tx) + h11 * tx) * tz;
}

/* ---------- brushes ---------- */

/** Deterministic hash → [0,1). */
function hash2(ix: number, iz: number, seed: number): number {
  let h = (Math.imul(ix, 374761393) + Math.imul(iz, 668265263) + Math.imul(seed, 2147483647)) | 0;
  h = Math.imul(h ^ (h >>> 13), 1274126177);
  h ^= h >>> 16;
  return (h >>> 0) / 4294967296;
}

/** Smooth value noise in [-1, 1] with a period of about 4 vertices. */
function valueNoise(gx: number, gz: number, seed: number): number {
  const fx = gx / 4;
  const fz = gz / 4;
  const x0 = Math.floor(fx);
  const z0 = Math.floor(fz);
  const sx = (fx - x0) * (fx - x0) * (3 - 2 * (fx - x0));
  const sz = (fz - z0) * (fz - z0) * (3 - 2 * (fz - z0));
  const a = hash2(x0, z0, seed);
  const b = hash2(x0 + 1, z0, seed);
  const c = hash2(x0, z0 + 1, seed);
  const d = hash2(x0 + 1, z0 + 1, seed);
  return ((a * (1 - sx) + b * sx) * (1 - sz) + (c * (1 - sx) + d * sx) * sz) * 2 - 1;
}

const clampH = (h: number): number => Math.min(MAX_HEIGHT, Math.max(MIN_HEIGHT, h));

export interface StrokeResult {
  /** Keys of the chunks whose heights or splat changed. */
  changed: string[];
}

/** Refuses a stroke that is not finite or is out of range, naming the field. */
export function validateStroke(s: BrushStroke): string | null {
  for (const f of ['x', 'z', 'radius', 'strength'] as const) if (!Number.isFinite(s[f])) return `${f} must be a finite number`;
  if (!BRUSH_TOOLS.includes(s.tool)) return `tool must be one of ${BRUSH_TOOLS.join(', ')}`;
  if (s.radius <= 0 || s.radius > 64) return 'radius must be between 0 and 64 metres';
  if (s.strength < 0 || s.strength > 1) return 'strength must be between 0 and 1';
  if (s.targetHeight !== undefined && !Number.isFinite(s.targetHeight)) return 'targetHeight must be a finite number';
  if (s.step !== undefined && (!Number.isFinite(s.step) || s.step <= 0)) return 'step must be a positive number';
  if (s.tool === 'paint' && (!s.layer || !SPLAT_LAYERS.includes(s.layer))) return `layer must be one of ${SPLAT_LAYERS.join(', ')}`;
  return null;
}

/**
 * Applies one brush dab in place. New values are computed from a snapshot of the old ones
 * before any is written, so the result does not depend on iteration order.
 */
export function applyStroke(t: Terrain, s: BrushStroke): StrokeResult {
  const invalid = validateStroke(s);
  if (invalid) throw new RangeError(`terrain brush: ${invalid}`);
  const gx0 = Math.max(G_MIN, Math.ceil((s.x - s.radius) / CELL_M));
  const gx1 = Math.min(G_MAX, Math.floor((s.x + s.radius) / CELL_M));
  const gz0 = Math.max(G_MIN, Math.ceil((s.z - s.radius) / CELL_M));
  const gz1 = Math.min(G_MAX, Math.floor((s.z + s.radius) / CELL_M));
  const writes: Array<{ gx: number; gz: number; h?: number; w?: number }> = [];
  // Metres per dab at the centre: a drag lays about 15 dabs a second.
  const maxDelta = 0.5 * s.strength;
  for (let gz = gz0; gz <= gz1; gz++) {
    for (let gx = gx0; gx <= gx1; gx++) {
      const d = Math.hypot(gx * CELL_M - s.x, gz * CELL_M - s.z) / s.radius;
      if (d >= 1) continue;
      const fall = (1 - d * d) * (1 - d * d);
      const h = heightAtVertex(t, gx, gz);
      switch (s.tool) {
        case 'raise':
          writes.push({ gx, gz, h: h + maxDelta * fall });
          break;
        case 'lower':
          writes.push({ gx, gz, h: h - maxDelta * fall });
          break;
        case 'smooth': {
          const avg = (heightAtVertex(t, gx - 1, gz) + heightAtVertex(t, gx + 1, gz) + heightAtVertex(t, gx, gz - 1) + heightAtVertex(t, gx, gz + 1) + h) / 5;
          writes.push({ gx, gz, h: h + (avg - h) * Math.min(1, s.strength * 2) * fall });
          break;
        }
        case 'flatten': {
          const target = s.targetHeight ?? 0;
          writes.push({ gx, gz, h: h + (target - h) * Math.min(1, s.strength * 2) * fall });
          break;
        }
        case 'noise':
          writes.push({ gx, gz, h: h + valueNoise(gx, gz, s.seed ?? 1) * maxDelta * fall });
          break;
        case 'terrace': {
          const step = s.step ?? 1;
          const stepped = Math.round(h / step) * step;
          writes.push({ gx, gz, h: h + (stepped - h) * Math.min(1, s.strength * 2) * fall });
          break;
        }
        case 'paint':
          writes.push({ gx, gz, w: Math.min(1, s.strength * 2) * fall });
          break;
      }
    }
  }
  const changed = new Set<string>();
  const layerIndex = s.layer ? SPLAT_LAYERS.indexOf(s.layer) : 0;
  for (const wr of writes) {
    for (const [c, i] of owners(t, wr.gx, wr.gz)) {
      if (wr.h !== undefined) {
        const next = clampH(wr.h);
        if (c.heights[i] !== next) {
          c.heights[i] = next;
          changed.add(chunkKey(c.cx, c.cz));
        }
      } else if (wr.w !== undefined && wr.w > 0) {
        if (paintVertex(c.splat, i, layerIndex, wr.w)) changed.add(chunkKey(c.cx, c.cz));
      }
    }
  }
  return { changed: [...changed].sort() };
}

export const STAMP_SHAPES = ['hill', 'crater', 'mound', 'plateau', 'ridge'] as const;
export type StampShape = (typeof STAMP_SHAPES)[number];

export interface Stamp {
  shape: StampShape;
  /** Centre in world metres. */
  x: number;
  z: number;
  /** Footprint along x and z, and height (a crater's depth), in metres. */
  width: number;
  depth: number;
  height: number;
}

const smooth = (e0: number, e1: number, v: number): number => {
  const t = Math.min(1, Math.max(0, (v - e0) / (e1 - e0)));
  return t * t * (3 - 2 * t);
};

/** Height profile of a stamp at normalised elliptical distance d (0 centre, 1 edge) and across-axis u. */
function stampProfile(shape: StampShape, d: number, u: number, along: number): number {
  switch (shape) {
    case 'hill':
      return d < 1 ? Math.cos(Math.PI * d) / 2 + 0.5 : 0;
    case 'mound':
      return d < 1 ? (1 - d * d) ** 2 : 0;
    case 'plateau':
      return 1 - smooth(0.65, 1, d);
    case 'crater':
      // A bowl below the ground inside 70 % of the radius, a raised rim around it.
      return (d < 0.7 ? -(1 - (d / 0.7) ** 2) : 0) + 0.35 * Math.exp(-(((d - 0.8) / 0.12) ** 2));
    case 'ridge':
      // Long along x: a crest across z that tapers off at both ends.
      return Math.abs(u) < 1 && Math.abs(along) < 1 ? (1 - u * u) ** 2 * (1 - smooth(0.6, 1, Math.abs(along))) : 0;
  }
}

/**
 * Stamps a landform from a prompt ("a crater", "a hill") into the heightmap, added to what is
 * there: as far as a heightmap can (no caves or overhangs). Pure and deterministic like brushes.
 */
export function applyStamp(t: Terrain, s: Stamp): StrokeResult {
  for (const f of ['x', 'z', 'width', 'depth', 'height'] as const) if (!Number.isFinite(s[f])) throw new RangeError(`terrain stamp: ${f} must be a finite number`);
  if (!STAMP_SHAPES.includes(s.shape)) throw new RangeError(`terrain stamp: shape must be one of ${STAMP_SHAPES.join(', ')}`);
  const hw = Math.min(64, Math.max(1, s.width / 2));
  const hd = Math.min(64, Math.max(1, s.depth / 2));
  const h = Math.min(MAX_HEIGHT, Math.max(0.1, Math.abs(s.height)));
  const gx0 = Math.max(G_MIN, Math.ceil((s.x - hw) / CELL_M));
  const gx1 = Math.min(G_MAX, Math.floor((s.x + hw) / CELL_M));
  const gz0 = Math.max(G_MIN, Math.ceil((s.z - hd) / CELL_M));
  const gz1 = Math.min(G_MAX, Math.floor((s.z + hd) / CELL_M));
  const writes: Array<{ gx: number; gz: number; h: number; rock: number }> = [];
  for (let gz = gz0; gz <= gz1; gz++) {
    for (let gx = gx0; gx <= gx1; gx++) {
      const along = (gx * CELL_M - s.x) / hw;
      const u = (gz * CELL_M - s.z) / hd;
      const p = stampProfile(s.shape, Math.hypot(along, u), u, along);
      // Bare rock shows where the ground was dug out (a crater's bowl).
      if (p !== 0) writes.push({ gx, gz, h: heightAtVertex(t, gx, gz) + p * h, rock: p < 0 ? Math.min(1, -p * 1.5) : 0 });
    }
  }
  const changed = new Set<string>();
  for (const w of writes) {
    for (const [c, i] of owners(t, w.gx, w.gz)) {
      const next = clampH(w.h);
      if (c.heights[i] !== next) {
        c.heights[i] = next;
        changed.add(chunkKey(c.cx, c.cz));
      }
      if (w.rock > 0 && paintVertex(c.splat, i, 1, w.rock)) changed.add(chunkKey(c.cx, c.cz));
    }
  }
  return { changed: [...changed].sort() };
}

/** Moves a vertex's weights towards `layer` by `amount` (0–1), keeping the sum at 255. */
function paintVertex(splat: Uint8Array, i: number, layer: number, amount: number): boolean {
  const base = i * 3;
  const w = [splat[base] ?? 0, splat[base + 1] ?? 0, splat[base + 2] ?? 0];
  const next = w.map((v, k) => (k === layer ? v + (255 - v) * amount : v * (1 - amount)));
  const rounded = next.map((v) => Math.round(v));
  const sum = rounded[0]! + rounded[1]! + rounded[2]!;
  rounded[layer]! += 255 - sum;
  let changed = false;
  for (let k = 0; k < 3; k++) {
    if (splat[base + k] !== rounded[k]) {
      splat[base + k] = rounded[k]!;
      changed = true;
    }
  }
  return changed;
}

/* ---------- encoding (opaque strings for storage and the wire) ---------- */

const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

/** Base64 of bytes without Buffer or btoa, so this stays pure in every runtime. */
export function bytesToBase64(bytes: Uint8Array): string {
  let out = '';
  for (let i = 0; i < bytes.length; i += 3) {
    const a = bytes[i]!;
    const b = bytes[i + 1];
    const c = bytes[i + 2];
    const n = (a << 16) | ((b ?? 0) << 8) | (c ?? 0);
    out += B64[(n >> 18) & 63]! + B64[(n >> 12) & 63]! + (b === undefined ? '=' : B64[(n >> 6) & 63]!) + (c === undefined ? '=' : B64[n & 63]!);
  }
  return out;
}

export function base64ToBytes(s: string): Uint8Array {
  const clean = s.replace(/=+$/, '');
  if (/[^A-Za-z0-9+/]/.test(clean)) throw new Error('not base64');
  const out = new Uint8Array(Math.floor((clean.length * 3) / 4));
  let o = 0;
  for (let i = 0; i < clean.length; i += 4) {
    const n =
      (B64.indexOf(clean[i]!) << 18) |
      (B64.indexOf(clean[i + 1] ?? 'A') << 12) |
      (B64.indexOf(clean[i + 2] ?? 'A') << 6) |
      B64.indexOf(clean[i + 3] ?? 'A');
    if (o < out.length) out[o++] = (n >> 16) & 255;
    if (o < out.length) out[o++] = (n >> 8) & 255;
    if (o < out.length) out[o++] = n & 255;
  }
  return out;
}

export interface EncodedChunk {
  cx: number;
  cz: number;
  /** base64 of VERTS² little-endian float32 heights. */
  heights: string;
  /** base64 of VERTS²×3 splat bytes. */
  splat: string;
}

export function encodeChunk(c: TerrainChunk): EncodedChunk {
  const bytes = new Uint8Array(c.heights.length * 4);
  const view = new DataView(bytes.buffer);
  c.heights.forEach((h, i) => view.setFloat32(i * 4, h, true));
  return { cx: c.cx, cz: c.cz, heights: bytesToBase64(bytes), splat: bytesToBase64(c.splat) };
}

/** Decodes a stored chunk; refuses wrong sizes or non-finite heights with a clear message. */
export function decodeChunk(e: EncodedChunk): TerrainChunk {
  if (!inGrid(e.cx, e.cz)) throw new RangeError(`terrain chunk ${e.cx},${e.cz} is outside the ${GRID}×${GRID} grid`);
  const hb = base64ToBytes(e.heights);
  if (hb.length !== VERTS * VERTS * 4) throw new RangeError(`terrain chunk ${e.cx},${e.cz}: heights hold ${hb.length} bytes, expected ${VERTS * VERTS * 4}`);
  const view = new DataView(hb.buffer, hb.byteOffset, hb.byteLength);
  const heights = new Float32Array(VERTS * VERTS);
  for (let i = 0; i < heights.length; i++) {
    const h = view.getFloat32(i * 4, true);
    if (!Number.isFinite(h)) throw new RangeError(`terrain chunk ${e.cx},${e.cz}: height ${i} is not a finite number`);
    heights[i] = clampH(h);
  }
  const splat = base64ToBytes(e.splat);
  if (splat.length !== VERTS * VERTS * 3) throw new RangeError(`terrain chunk ${e.cx},${e.cz}: splat holds ${splat.length} bytes, expected ${VERTS * VERTS * 3}`);
  return { cx: e.cx, cz: e.cz, heights, splat };
}

/** A chunk that is flat at 0 and all grass needs no storage. */
export function isPristine(c: TerrainChunk): boolean {
  for (let i = 0; i < c.heights.length; i++) if (c.heights[i] !== 0) return false;
  for (let i = 0; i < VERTS * VERTS; i++) if (c.splat[i * 3] !== 255) return false;
  return true;
}

/** The stored form: only chunks that differ from flat grass. */
export function encodeTerrain(t: Terrain): EncodedChunk[] {
  return [...t.chunks.values()].filter((c) => !isPristine(c)).map(encodeChunk);
}

/** The full grid with stored chunks laid over flat ones. */
export function decodeTerrain(stored: readonly EncodedChunk[]): Terrain {
  const t = createTerrain();
  for (const e of stored) {
    const c = decodeChunk(e);
    t.chunks.set(chunkKey(c.cx, c.cz), c);
  }
  return t;
}
