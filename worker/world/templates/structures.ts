import { param, segs, type Template } from './context.js';

/** Structures (seed budgets: LOD0 2,000–12,000 triangles) built from modular kit pieces. */

function crenels(c: Parameters<Template>[0], width: number, depth: number, y: number, count: number, h: number): void {
  const step = width / (count * 2 - 1);
  for (let i = 0; i < count; i++) c.b.box(-width / 2 + step * (i * 2 + 0.5), y + h / 2, 0, step, h, depth);
}

export const wallTemplate: Template = (c) => {
  const [x, y, z] = c.size;
  const n = Math.round(param(c, 'crenels', 0, 0, 40));
  const body = n > 0 ? y * 0.88 : y;
  // Courses of blocks (a running bond), so the wall reads as masonry and has kit pieces to LOD.
  const courses = Math.max(1, Math.round(param(c, 'courses', 10, 1, 40) * Math.min(1, c.detail * 1.5)));
  const ch = (body - 0.06) / courses;
  const blocksPerRow = Math.max(2, Math.round(x / (ch * 2.2)));
  const bw = x / blocksPerRow;
  for (let r = 0; r < courses; r++) {
    const offset = r % 2 ? bw / 2 : 0;
    for (let i = -1; i < blocksPerRow; i++) {
      const x0 = Math.max(-x / 2, -x / 2 + offset + i * bw), x1 = Math.min(x / 2, -x / 2 + offset + (i + 1) * bw);
      if (x1 - x0 < 1e-3) continue;
      c.b.box((x0 + x1) / 2, ch * (r + 0.5), 0, x1 - x0 - 0.01, ch - 0.01, z);
    }
  }
  c.b.box(0, body - 0.03, 0, x, 0.06, z * 1.05 > z ? z : z); // cap
  if (n > 0) crenels(c, x, z, body, n, y - body);
};

export const towerTemplate: Template = (c) => {
  const [x, y, z] = c.size;
  const n = segs(c, param(c, 'segments', 12, 6, 48), 6);
  const floors = Math.round(param(c, 'floors', 3, 1, 12));
  const r = x / 2;
  const rz = z / x;
  const topH = y * 0.12;
  const bodyH = y - topH;
  c.b.lathe([[r * 0.92, 0], [r * 0.8, bodyH]], n, { radiusZ: rz });
  // A band per floor and windows (secondary material) on four sides.
  for (let f = 1; f <= floors; f++) {
    const fy = (bodyH * f) / (floors + 1);
    const rr = r * (0.92 - 0.12 * (fy / bodyH)) + 0.05;
    c.b.lathe([[rr, fy - 0.1], [rr, fy + 0.1]], n, { radiusZ: rz });
    c.b.setMaterial(c.secondary);
    for (let k = 0; k < 4; k++) {
      const a = (k * Math.PI) / 2 + f * 0.4;
      c.b.at(Math.cos(a) * (rr - 0.02), fy + bodyH / (floors + 1) / 2, Math.sin(a) * (rr - 0.02) * rz, () => c.b.box(0, 0, 0, 0.12, Math.min(1.2, bodyH / (floors + 1) / 2), 0.6), { y: -a });
    }
    c.b.setMaterial(0);
  }
  // Platform and crenels in a ring.
  c.b.lathe([[r, bodyH], [r, bodyH + topH * 0.3]], n, { radiusZ: rz });
  const cren = Math.round(param(c, 'crenels', 8, 0, 32));
  for (let k = 0; k < cren; k++) {
    const a = (k / cren) * Math.PI * 2;
    c.b.at(Math.cos(a) * r * 0.9, bodyH + topH * 0.3, Math.sin(a) * r * 0.9 * rz, () => c.b.box(0, (topH * 0.7) / 2, 0, 0.3, topH * 0.7, ((Math.PI * 2 * r) / cren) * 0.5), { y: -a });
  }
};

export const houseTemplate: Template = (c) => {
  const [x, y, z] = c.size;
  const pitch = param(c, 'roofPitch', 0.45, 0.1, 0.8);
  const roofH = y * pitch;
  const wallH = y - roofH;
  const t = Math.min(0.25, x * 0.04);
  // Walls as four kit panels (the inside stays open), floor slab.
  c.b.box(0, 0.05, 0, x, 0.1, z);
  c.b.box(0, wallH / 2, z / 2 - t / 2, x, wallH, t);
  c.b.box(0, wallH / 2, -z / 2 + t / 2, x, wallH, t);
  c.b.box(x / 2 - t / 2, wallH / 2, 0, t, wallH, z - 2 * t);
  c.b.box(-x / 2 + t / 2, wallH / 2, 0, t, wallH, z - 2 * t);
  // Door and windows (trim in the secondary material).
  c.b.setMaterial(c.secondary);
  if (param(c, 'door', 1, 0, 1) >= 0.5) c.b.box(0, Math.min(2.1, wallH * 0.75) / 2, z / 2 + 0.02, Math.min(1, x * 0.2), Math.min(2.1, wallH * 0.75), 0.06);
  const windows = Math.round(param(c, 'windows', 2, 0, 8));
  for (let i = 0; i < windows; i++) {
    const wx = -x / 2 + (x * (i + 1)) / (windows + 1);
    c.b.box(wx, wallH * 0.6, -z / 2 - 0.02, Math.min(1, x / (windows + 2)), wallH * 0.3, 0.06);
    c.b.box(x / 2 + 0.02, wallH * 0.6, -z / 2 + (z * (i + 1)) / (windows + 1), 0.06, wallH * 0.3, Math.min(1, z / (windows + 2)));
  }
  // Gable roof: a triangular prism along z with overhang, and a chimney.
  c.b.at(0, wallH, 0, () => c.b.extrude([[-x / 2 - 0.2, 0], [x / 2 + 0.2, 0], [0, roofH]], z + 0.3));
  c.b.setMaterial(0);
  c.b.box(x * 0.25, wallH + roofH * 0.7, -z * 0.2, 0.5, roofH * 0.8, 0.5);
};

export const bridgeTemplate: Template = (c) => {
  const [x, y, z] = c.size;
  const planks = Math.round(param(c, 'planks', 16, 4, 60) * Math.min(1, c.detail * 1.5));
  const rail = Math.min(param(c, 'railHeight', 1, 0, 1.5), y * 0.7);
  const arch = param(c, 'arch', 0.3, 0, 1) * (y - rail);
  const deckY = (t: number) => (y - rail - 0.15) * 0.3 + arch * Math.sin(Math.PI * t);
  const pw = x / planks;
  for (let i = 0; i < planks; i++) {
    const t = (i + 0.5) / planks;
    c.b.box(-x / 2 + pw * (i + 0.5), deckY(t), 0, pw * 0.9, 0.08, z * 0.9);
  }
  // Stone piers under the deck ends and the middle (secondary).
  c.b.setMaterial(c.secondary);
  for (const t of [0.02, 0.98]) c.b.box(-x / 2 + x * t, deckY(t) / 2, 0, x * 0.04, deckY(t), z);
  c.b.setMaterial(0);
  // Rails: posts and a top rail on both sides.
  const posts = Math.max(2, Math.round(planks / 3));
  for (const sz of [-1, 1]) {
    for (let i = 0; i <= posts; i++) {
      const t = i / posts;
      c.b.box(-x / 2 + x * t * 0.98 + x * 0.01, deckY(t) + rail / 2, (sz * z) / 2 * 0.92, 0.08, rail, 0.08);
    }
    for (let i = 0; i < posts; i++) {
      const t0 = i / posts, t1 = (i + 1) / posts;
      const y0 = deckY(t0) + rail, y1 = deckY(t1) + rail;
      const len = Math.hypot(x / posts, y1 - y0);
      c.b.at(-x / 2 + (x * (t0 + t1)) / 2, (y0 + y1) / 2, (sz * z) / 2 * 0.92, () => c.b.box(0, 0, 0, len, 0.06, 0.06), { z: Math.atan2(y1 - y0, x / posts) });
    }
  }
};

export const pillarTemplate: Template = (c) => {
  const [x, y, z] = c.size;
  const n = segs(c, param(c, 'segments', 16, 6, 48), 6);
  c.b.box(0, y * 0.04, 0, x, y * 0.08, z);
  c.b.lathe([[x * 0.4, y * 0.08], [x * 0.36, y * 0.92]], n, { radiusZ: z / x });
  c.b.box(0, y * 0.96, 0, x, y * 0.08, z);
};

export const stairsTemplate: Template = (c) => {
  const [x, y, z] = c.size;
  const steps = Math.round(param(c, 'steps', 8, 2, 40));
  const sh = y / steps, sd = z / steps;
  // Each step a solid from the ground: closed boxes, so the volume (mass) is right.
  for (let i = 0; i < steps; i++) c.b.box(0, (sh * (i + 1)) / 2, z / 2 - sd * (i + 0.5), x, sh * (i + 1), sd);
};

export const fenceTemplate: Template = (c) => {
  const [x, y, z] = c.size;
  const posts = Math.round(param(c, 'posts', 6, 2, 30));
  const rails = Math.round(param(c, 'rails', 2, 1, 5));
  const pw = Math.min(0.1, z);
  for (let i = 0; i < posts; i++) {
    const px = -x / 2 + pw / 2 + ((x - pw) * i) / (posts - 1);
    c.b.box(px, y / 2 - 0.04, 0, pw, y - 0.08, pw);
    c.b.at(px, y - 0.08, 0, () => c.b.lathe([[pw * 0.7, 0], [0, 0.08]], 4), { y: Math.PI / 4 });
  }
  for (let r = 0; r < rails; r++) c.b.box(0, (y * (r + 1)) / (rails + 1), z / 2 - pw * 0.25, x, 0.07, pw * 0.5);
};

export const archTemplate: Template = (c) => {
  const [x, y, z] = c.size;
  const n = segs(c, param(c, 'segments', 12, 4, 48), 4);
  const thick = Math.min(param(c, 'thickness', 0.5, 0.1, 3), x * 0.3);
  const innerR = x / 2 - thick;
  const springY = Math.max(0.1, y - thick - innerR);
  // Outline counter-clockwise: outer rectangle with a round-topped opening cut up from the ground.
  const outline: Array<[number, number]> = [[-x / 2, 0], [-x / 2 + thick, 0], [-x / 2 + thick, springY]];
  for (let i = 1; i < n; i++) {
    const a = Math.PI - (i / n) * Math.PI;
    outline.push([Math.cos(a) * innerR, springY + Math.sin(a) * innerR]);
  }
  outline.push([x / 2 - thick, springY], [x / 2 - thick, 0], [x / 2, 0], [x / 2, y], [-x / 2, y]);
  // The opening's points run clockwise inside a ccw outer; reverse the whole list to be ccw overall.
  c.b.extrude(outline.reverse(), z);
};
