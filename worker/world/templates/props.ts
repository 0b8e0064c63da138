import { fbm } from '../noise.js';
import { param, segs, type Template } from './context.js';

/** Props (seed budgets: LOD0 300–1,500 triangles). Each fills ctx.size, standing on y = 0. */

export const boxTemplate: Template = (c) => {
  const [x, y, z] = c.size;
  c.b.box(0, y / 2, 0, x, y, z);
};

export const cylinderTemplate: Template = (c) => {
  const [x, y] = c.size;
  c.b.at(0, 0, 0, () => c.b.lathe([[x / 2, 0], [x / 2, y]], segs(c, param(c, 'segments', 16, 3, 64)), { radiusZ: c.size[2] / x }));
};

export const sphereTemplate: Template = (c) => {
  const [x, y, z] = c.size;
  c.b.at(0, y / 2, 0, () => c.b.ellipsoid(x / 2, y / 2, z / 2, segs(c, param(c, 'segments', 16, 4, 64), 4)));
};

export const coneTemplate: Template = (c) => {
  const [x, y, z] = c.size;
  c.b.lathe([[x / 2, 0], [0, y]], segs(c, param(c, 'segments', 16, 3, 64)), { radiusZ: z / x });
};

export const crateTemplate: Template = (c) => {
  const [x, y, z] = c.size;
  const f = param(c, 'frame', 0.08, 0.02, 0.3) * Math.min(x, y, z);
  const slats = Math.round(param(c, 'slats', 4, 1, 10));
  // Hollow: six inner panels (mass comes from the closed volume, and a crate is not solid wood).
  const t = f * 0.4;
  for (const sy of [-1, 1]) c.b.box(0, y / 2 + (sy * (y - f - t)) / 2, 0, x - f, t, z - f);
  for (const sz of [-1, 1]) c.b.box(0, y / 2, (sz * (z - f - t)) / 2, x - f, y - f - 2 * t, t);
  for (const sx of [-1, 1]) c.b.box((sx * (x - f - t)) / 2, y / 2, 0, t, y - f - 2 * t, z - f - 2 * t);
  // Frame: 12 edge beams.
  for (const sy of [f / 2, y - f / 2]) for (const sz of [-1, 1]) c.b.box(0, sy, (sz * (z - f)) / 2, x, f, f);
  for (const sy of [f / 2, y - f / 2]) for (const sx of [-1, 1]) c.b.box((sx * (x - f)) / 2, sy, 0, f, f, z - 2 * f);
  for (const sx of [-1, 1]) for (const sz of [-1, 1]) c.b.box((sx * (x - f)) / 2, y / 2, (sz * (z - f)) / 2, f, y - 2 * f, f);
  // Slats on the four sides, between the beams.
  const gap = (y - 2 * f) / slats;
  for (let i = 0; i < slats; i++) {
    const cy = f + gap * (i + 0.5);
    const h = gap * 0.7;
    c.b.box(0, cy, z / 2 - f * 0.35, x - 2 * f, h, f * 0.3);
    c.b.box(0, cy, -z / 2 + f * 0.35, x - 2 * f, h, f * 0.3);
    c.b.box(x / 2 - f * 0.35, cy, 0, f * 0.3, h, z - 2 * f);
    c.b.box(-x / 2 + f * 0.35, cy, 0, f * 0.3, h, z - 2 * f);
  }
  // Metal corner caps.
  c.b.setMaterial(c.secondary);
  const k = f * 1.3;
  for (const sx of [-1, 1]) for (const sy of [k / 2, y - k / 2]) for (const sz of [-1, 1]) c.b.box((sx * (x - k)) / 2, sy, (sz * (z - k)) / 2, k, k, k);
  c.b.setMaterial(0);
};

export const barrelTemplate: Template = (c) => {
  const [x, y, z] = c.size;
  const r = x / 2;
  const bulge = param(c, 'bulge', 0.12, 0, 0.4);
  const n = segs(c, param(c, 'segments', 16, 6, 48), 6);
  const rows = segs(c, 8, 3);
  const rBase = r / (1 + bulge);
  const profile: Array<[number, number]> = [];
  for (let i = 0; i <= rows; i++) {
    const t = i / rows;
    profile.push([rBase * (1 + bulge * Math.sin(Math.PI * t)), t * y]);
  }
  c.b.lathe(profile, n, { radiusZ: z / x });
  c.b.setMaterial(c.secondary);
  const hoops = Math.round(param(c, 'hoops', 3, 0, 6));
  for (let i = 0; i < hoops; i++) {
    const t = hoops === 1 ? 0.5 : 0.1 + (0.8 * i) / (hoops - 1);
    const rr = rBase * (1 + bulge * Math.sin(Math.PI * t)) * 1.02;
    c.b.lathe([[rr, t * y - 0.02 * y], [rr, t * y + 0.02 * y]], n, { radiusZ: z / x });
  }
  c.b.setMaterial(0);
};

function legs(c: Parameters<Template>[0], count: number, w: number, h: number, insetX: number, insetZ: number): void {
  const [x, , z] = c.size;
  const pts: Array<[number, number]> = count <= 1 ? [[0, 0]] : count === 3
    ? [[0, -(z / 2 - insetZ)], [-(x / 2 - insetX), z / 2 - insetZ], [x / 2 - insetX, z / 2 - insetZ]]
    : [[-1, -1], [1, -1], [1, 1], [-1, 1]].map(([a, b]) => [a! * (x / 2 - insetX), b! * (z / 2 - insetZ)] as [number, number]);
  for (const [px, pz] of pts) c.b.box(px, h / 2, pz, w, h, w);
}

export const tableTemplate: Template = (c) => {
  const [x, y, z] = c.size;
  const top = param(c, 'topThickness', 0.05, 0.01, 0.3) * Math.max(0.5, y / 0.75);
  const lw = param(c, 'legWidth', 0.07, 0.02, 0.3);
  c.b.box(0, y - top / 2, 0, x, top, z);
  legs(c, Math.round(param(c, 'legs', 4, 1, 4)), lw, y - top, lw, lw);
  // Apron under the top.
  c.b.box(0, y - top - 0.04, z / 2 - lw / 2, x - 2 * lw, 0.08, lw / 3);
  c.b.box(0, y - top - 0.04, -z / 2 + lw / 2, x - 2 * lw, 0.08, lw / 3);
};

export const chairTemplate: Template = (c) => {
  const [x, y, z] = c.size;
  const back = param(c, 'backHeight', 0.5, 0, 0.8);
  const lw = param(c, 'legWidth', 0.05, 0.02, 0.2);
  const seatY = y * (1 - back);
  const seatT = Math.min(0.05, seatY * 0.15);
  c.b.box(0, seatY - seatT / 2, 0, x, seatT, z);
  legs(c, 4, lw, seatY - seatT, lw / 2 + 0.005, lw / 2 + 0.005);
  if (back > 0) {
    for (const sx of [-1, 1]) c.b.box(sx * (x / 2 - lw / 2), seatY + (y - seatY) / 2, -z / 2 + lw / 2, lw, y - seatY, lw);
    c.b.box(0, y - (y - seatY) * 0.2, -z / 2 + lw / 2, x - 2 * lw, (y - seatY) * 0.35, lw * 0.6);
  }
};

export const lampTemplate: Template = (c) => {
  const [x, y, z] = c.size;
  const n = segs(c, param(c, 'segments', 12, 5, 32), 5);
  const rz = z / x;
  c.b.lathe([[x * 0.35, 0], [x * 0.35, y * 0.03], [x * 0.12, y * 0.05]], n, { radiusZ: rz });
  c.b.lathe([[x * 0.05, y * 0.05], [x * 0.05, y * 0.8]], n, { radiusZ: rz });
  // Shade (open cone drawn as a closed frustum) and the glass bulb.
  c.b.lathe([[x * 0.5, y * 0.78], [x * 0.2, y]], n, { radiusZ: rz });
  c.b.setMaterial(c.secondary);
  c.b.at(0, y * 0.78, 0, () => c.b.ellipsoid(x * 0.15, y * 0.05, z * 0.15, n));
  c.b.setMaterial(0);
};

export const rockTemplate: Template = (c) => {
  const [x, y, z] = c.size;
  const rough = param(c, 'roughness', 0.25, 0, 0.6);
  const n = segs(c, 12 + 4 * param(c, 'detail', 2, 0, 6), 6);
  const seed = c.seed;
  c.b.at(0, y / 2, 0, () => c.b.ellipsoid(x / 2, y / 2, z / 2, n, (px, py, pz) => rough * (fbm(seed, px * 1.7 + 5, py * 3 + 5, pz * 1.7 + 5, 3) - 0.5) * 2));
};

export const treeTemplate: Template = (c) => {
  const [x, y, z] = c.size;
  const trunkRatio = param(c, 'trunkRatio', 0.35, 0.1, 0.8);
  const layers = Math.round(param(c, 'canopyLayers', 3, 1, 6));
  const n = segs(c, param(c, 'segments', 10, 5, 32), 5);
  const trunkH = y * trunkRatio;
  c.b.setMaterial(c.secondary);
  c.b.lathe([[x * 0.07, 0], [x * 0.05, trunkH + y * 0.05]], n);
  c.b.setMaterial(0);
  const canopyH = y - trunkH;
  for (let i = 0; i < layers; i++) {
    const y0 = trunkH + (canopyH * i) / (layers + 1) * 1.1;
    const r = (x / 2) * (1 - i / (layers + 0.5));
    c.b.lathe([[r, y0], [0, Math.min(y, y0 + canopyH * (2 / (layers + 1)) * 1.2)]], n, { radiusZ: z / x });
  }
};

export const benchTemplate: Template = (c) => {
  const [x, y, z] = c.size;
  const slats = Math.round(param(c, 'slats', 4, 2, 8));
  const seatY = y * 0.5;
  const depth = c.params.backrest === 0 ? z : z * 0.8;
  for (let i = 0; i < slats; i++) c.b.box(0, seatY - 0.02, z / 2 - (depth / slats) * (i + 0.5), x, 0.04, (depth / slats) * 0.8);
  c.b.setMaterial(c.secondary);
  for (const sx of [-1, 1]) {
    c.b.box(sx * (x / 2 - 0.08), seatY / 2 - 0.02, z / 2 - depth * 0.15, 0.05, seatY - 0.04, 0.05);
    c.b.box(sx * (x / 2 - 0.08), seatY / 2 - 0.02, z / 2 - depth * 0.85, 0.05, seatY - 0.04, 0.05);
    if (c.params.backrest !== 0) c.b.box(sx * (x / 2 - 0.08), (seatY + y) / 2, -z / 2 + 0.05, 0.05, y - seatY, 0.05);
  }
  c.b.setMaterial(0);
  if (c.params.backrest !== 0) for (let i = 0; i < 2; i++) c.b.box(0, seatY + (y - seatY) * (0.4 + 0.4 * i), -z / 2 + 0.05, x, (y - seatY) * 0.2, 0.03);
};

export const bottleTemplate: Template = (c) => {
  const [x, y, z] = c.size;
  const neck = param(c, 'neck', 0.35, 0.1, 0.6);
  const r = x / 2;
  c.b.lathe([[r * 0.9, 0], [r, y * 0.05], [r, y * (1 - neck)], [r * 0.4, y * (1 - neck * 0.6)], [r * 0.35, y * 0.97], [r * 0.4, y]], segs(c, param(c, 'segments', 16, 6, 48), 6), { radiusZ: z / x });
};

export const vaseTemplate: Template = (c) => {
  const [x, y, z] = c.size;
  const belly = param(c, 'belly', 0.45, 0.2, 0.8);
  const r = x / 2;
  const rows = segs(c, 10, 4);
  const prof: Array<[number, number]> = [];
  for (let i = 0; i <= rows; i++) {
    const t = i / rows;
    const bulge = Math.exp(-((t - belly) ** 2) / 0.06);
    prof.push([r * (0.45 + 0.55 * bulge) * (t > 0.9 ? 1.1 : 1), t * y]);
  }
  c.b.lathe(prof, segs(c, param(c, 'segments', 20, 6, 48), 6), { radiusZ: z / x });
};
