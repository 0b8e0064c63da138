import { Euler, Matrix3, Matrix4, ShapeUtils, Vector2, Vector3 } from 'three';

/**
 * Collects the triangles of a procedural asset: parts grouped by node (a character's segments)
 * and material slot, each an indexed triangle list with normals and tiling UVs (UV = metres /
 * TILE, so baked textures keep their texel density on any size). Primitives are closed solids,
 * which is what the volume (mass) computation assumes.
 */

export const TILE_METERS = 1;

export interface Bucket {
  group: string;
  material: number;
  positions: number[];
  normals: number[];
  uvs: number[];
  indices: number[];
}

export interface GroupInfo {
  name: string;
  /** Joint / pivot of a segment in object space (node translation). */
  pivot: [number, number, number];
}

const tmpV = new Vector3();
const tmpN = new Vector3();

export class MeshBuilder {
  readonly buckets = new Map<string, Bucket>();
  readonly groups = new Map<string, GroupInfo>([['body', { name: 'body', pivot: [0, 0, 0] }]]);
  private group = 'body';
  private material = 0;
  private matrix = new Matrix4();
  private normalMatrix = new Matrix3();

  /** Following primitives belong to this node (created with its pivot on first use). */
  setGroup(name: string, pivot: [number, number, number] = [0, 0, 0]): this {
    if (!this.groups.has(name)) this.groups.set(name, { name, pivot });
    this.group = name;
    return this;
  }

  setMaterial(slot: number): this {
    this.material = slot;
    return this;
  }

  /** Runs `fn` with `m` applied to every vertex it adds (nested transforms compose). */
  withTransform(m: Matrix4, fn: () => void): void {
    const prev = this.matrix.clone();
    this.matrix = prev.clone().multiply(m);
    this.normalMatrix.getNormalMatrix(this.matrix);
    try {
      fn();
    } finally {
      this.matrix = prev;
      this.normalMatrix.getNormalMatrix(prev);
    }
  }

  at(x: number, y: number, z: number, fn: () => void, rot?: { x?: number; y?: number; z?: number }): void {
    const m = new Matrix4().makeTranslation(x, y, z);
    if (rot) m.multiply(new Matrix4().makeRotationFromEuler(new Euler(rot.x ?? 0, rot.y ?? 0, rot.z ?? 0)));
    this.withTransform(m, fn);
  }

  private bucket(): Bucket {
    const key = `${this.group}\u0000${this.material}`;
    let b = this.buckets.get(key);
    if (!b) this.buckets.set(key, (b = { group: this.group, material: this.material, positions: [], normals: [], uvs: [], indices: [] }));
    return b;
  }

  /** Adds a vertex (local coords → current transform); returns its index in the bucket. */
  private vertex(b: Bucket, p: readonly [number, number, number], n: readonly [number, number, number], uv: readonly [number, number]): number {
    tmpV.set(p[0], p[1], p[2]).applyMatrix4(this.matrix);
    tmpN.set(n[0], n[1], n[2]).applyMatrix3(this.normalMatrix).normalize();
    b.positions.push(tmpV.x, tmpV.y, tmpV.z);
    b.normals.push(tmpN.x, tmpN.y, tmpN.z);
    b.uvs.push(uv[0] / TILE_METERS, uv[1] / TILE_METERS);
    return b.positions.length / 3 - 1;
  }

  /** Axis-aligned box centred at (cx, cy, cz), flat-shaded, UVs per face in metres. */
  box(cx: number, cy: number, cz: number, sx: number, sy: number, sz: number): void {
    const b = this.bucket();
    const hx = sx / 2, hy = sy / 2, hz = sz / 2;
    // [normal, u axis, v axis] per face; corners are centre ± u ± v.
    const faces: Array<[[number, number, number], [number, number, number], [number, number, number], number, number]> = [
      [[1, 0, 0], [0, 0, -1], [0, 1, 0], sz, sy],
      [[-1, 0, 0], [0, 0, 1], [0, 1, 0], sz, sy],
      [[0, 1, 0], [1, 0, 0], [0, 0, -1], sx, sz],
      [[0, -1, 0], [1, 0, 0], [0, 0, 1], sx, sz],
      [[0, 0, 1], [1, 0, 0], [0, 1, 0], sx, sy],
      [[0, 0, -1], [-1, 0, 0], [0, 1, 0], sx, sy],
    ];
    for (const [n, u, v, su, sv] of faces) {
      const c = [cx + n[0] * hx, cy + n[1] * hy, cz + n[2] * hz];
      const hu = su / 2, hv = sv / 2;
      const corner = (a: number, bb: number): [number, number, number] => [c[0]! + u[0] * a * hu + v[0] * bb * hv, c[1]! + u[1] * a * hu + v[1] * bb * hv, c[2]! + u[2] * a * hu + v[2] * bb * hv];
      const i0 = this.vertex(b, corner(-1, -1), n, [0, 0]);
      const i1 = this.vertex(b, corner(1, -1), n, [su, 0]);
      const i2 = this.vertex(b, corner(1, 1), n, [su, sv]);
      const i3 = this.vertex(b, corner(-1, 1), n, [0, sv]);
      b.indices.push(i0, i1, i2, i0, i2, i3);
    }
  }

  /**
   * Surface of revolution around the local Y axis from a profile of [radius, y] points (bottom
   * to top), smooth around, with flat caps where the profile ends off the axis.
   */
  lathe(profile: ReadonlyArray<readonly [number, number]>, segments: number, opts: { radiusZ?: number; noise?: (x: number, y: number, z: number) => number } = {}): void {
    const b = this.bucket();
    const seg = Math.max(3, Math.round(segments));
    const rz = opts.radiusZ ?? 1;
    const rows: number[][] = [];
    // Profile normals from neighbouring points (smooth along the profile).
    const pn = profile.map((_, i) => {
      const a = profile[Math.max(0, i - 1)]!, c = profile[Math.min(profile.length - 1, i + 1)]!;
      const dr = c[0] - a[0], dy = c[1] - a[1];
      const len = Math.hypot(dr, dy) || 1;
      return [dy / len, -dr / len] as const; // outward in (r, y)
    });
    let vAcc = 0;
    profile.forEach((p, i) => {
      if (i > 0) vAcc += Math.hypot(p[0] - profile[i - 1]![0], p[1] - profile[i - 1]![1]);
      const row: number[] = [];
      for (let s = 0; s <= seg; s++) {
        const t = (s / seg) * Math.PI * 2;
        const cos = Math.cos(t), sin = Math.sin(t);
        let x = p[0] * cos, z = p[0] * sin * rz;
        let y = p[1];
        if (opts.noise && p[0] > 1e-6) {
          const k = 1 + opts.noise(cos, y, sin);
          x *= k;
          z *= k;
          y = p[1];
        }
        const n: [number, number, number] = [pn[i]![0] * cos, pn[i]![1], pn[i]![0] * sin];
        row.push(this.vertex(b, [x, y, z], n, [(s / seg) * Math.PI * 2 * Math.max(p[0], 0.05), vAcc]));
      }
      rows.push(row);
    });
    for (let i = 0; i + 1 < rows.length; i++) {
      for (let s = 0; s < seg; s++) {
        const a = rows[i]![s]!, c = rows[i]![s + 1]!, d = rows[i + 1]![s]!, e = rows[i + 1]![s + 1]!;
        const rA = profile[i]![0], rB = profile[i + 1]![0];
        if (rA > 1e-6) b.indices.push(a, d, c);
        if (rB > 1e-6) b.indices.push(c, d, e);
      }
    }
    const cap = (p: readonly [number, number], up: boolean) => {
      if (p[0] <= 1e-6) return;
      const n: [number, number, number] = [0, up ? 1 : -1, 0];
      const centre = this.vertex(b, [0, p[1], 0], n, [0, 0]);
      const ring: number[] = [];
      for (let s = 0; s <= seg; s++) {
        const t = (s / seg) * Math.PI * 2;
        ring.push(this.vertex(b, [p[0] * Math.cos(t), p[1], p[0] * Math.sin(t) * rz], n, [p[0] * Math.cos(t), p[0] * Math.sin(t)]));
      }
      for (let s = 0; s < seg; s++) b.indices.push(...(up ? [centre, ring[s + 1]!, ring[s]!] : [centre, ring[s]!, ring[s + 1]!]));
    };
    if (!opts.noise) {
      cap(profile[0]!, false);
      cap(profile[profile.length - 1]!, true);
    }
  }

  /** Closed cylinder standing on y0 (local), radius r, height h. */
  cylinder(r: number, h: number, segments: number, y0 = 0, rTop = r): void {
    this.lathe([[r, y0], [rTop, y0 + h]], segments);
  }

  /** Ellipsoid centred on the local origin with radii rx, ry, rz. */
  ellipsoid(rx: number, ry: number, rz: number, segments: number, noise?: (x: number, y: number, z: number) => number): void {
    const rings = Math.max(3, Math.round(segments / 2));
    const profile: Array<[number, number]> = [];
    for (let i = 0; i <= rings; i++) {
      const a = -Math.PI / 2 + (i / rings) * Math.PI;
      profile.push([Math.cos(a) * rx, Math.sin(a) * ry]);
    }
    profile[0]![0] = 0;
    profile[rings]![0] = 0;
    this.lathe(profile, segments, { radiusZ: rz / rx, noise });
  }

  /** A 2D polygon (x, y; counter-clockwise) extruded along local Z from -depth/2 to +depth/2. */
  extrude(outline: ReadonlyArray<readonly [number, number]>, depth: number): void {
    const b = this.bucket();
    const pts = outline.map(([x, y]) => new Vector2(x, y));
    if (ShapeUtils.isClockWise(pts)) pts.reverse();
    const tris = ShapeUtils.triangulateShape(pts, []);
    const hz = depth / 2;
    for (const [z, nz] of [[hz, 1], [-hz, -1]] as const) {
      const idx = pts.map((p) => this.vertex(b, [p.x, p.y, z], [0, 0, nz], [p.x, p.y]));
      for (const t of tris) b.indices.push(...(nz > 0 ? [idx[t[0]!]!, idx[t[1]!]!, idx[t[2]!]!] : [idx[t[0]!]!, idx[t[2]!]!, idx[t[1]!]!]));
    }
    let along = 0;
    for (let i = 0; i < pts.length; i++) {
      const p = pts[i]!, q = pts[(i + 1) % pts.length]!;
      const len = p.distanceTo(q);
      if (len < 1e-9) continue;
      const n: [number, number, number] = [(q.y - p.y) / len, -(q.x - p.x) / len, 0];
      const a = this.vertex(b, [p.x, p.y, -hz], n, [along, 0]);
      const c = this.vertex(b, [q.x, q.y, -hz], n, [along + len, 0]);
      const d = this.vertex(b, [q.x, q.y, hz], n, [along + len, depth]);
      const e = this.vertex(b, [p.x, p.y, hz], n, [along, depth]);
      b.indices.push(a, c, d, a, d, e);
      along += len;
    }
  }

  /**
   * A closed slab over a grid: top surface y = height(x, z) ≥ 0 on [-w/2, w/2] × [-d/2, d/2],
   * flat bottom at y = 0 and skirts, so terrain stamps are solids too.
   */
  heightfield(w: number, d: number, res: number, height: (x: number, z: number) => number): void {
    const b = this.bucket();
    const n = Math.max(2, Math.round(res));
    const hs: number[][] = [];
    for (let j = 0; j <= n; j++) {
      const row: number[] = [];
      for (let i = 0; i <= n; i++) row.push(Math.max(0, height(-w / 2 + (i / n) * w, -d / 2 + (j / n) * d)));
      hs.push(row);
    }
    const top: number[][] = [];
    for (let j = 0; j <= n; j++) {
      const row: number[] = [];
      for (let i = 0; i <= n; i++) {
        const x = -w / 2 + (i / n) * w, z = -d / 2 + (j / n) * d;
        const dx = (hs[j]![Math.min(n, i + 1)]! - hs[j]![Math.max(0, i - 1)]!) / ((2 * w) / n);
        const dz = (hs[Math.min(n, j + 1)]![i]! - hs[Math.max(0, j - 1)]![i]!) / ((2 * d) / n);
        const len = Math.hypot(dx, 1, dz);
        row.push(this.vertex(b, [x, hs[j]![i]!, z], [-dx / len, 1 / len, -dz / len], [x, z]));
      }
      top.push(row);
    }
    for (let j = 0; j < n; j++) for (let i = 0; i < n; i++) b.indices.push(top[j]![i]!, top[j + 1]![i]!, top[j]![i + 1]!, top[j]![i + 1]!, top[j + 1]![i]!, top[j + 1]![i + 1]!);
    // Bottom: one quad.
    const dn: [number, number, number] = [0, -1, 0];
    const q = [this.vertex(b, [-w / 2, 0, -d / 2], dn, [0, 0]), this.vertex(b, [w / 2, 0, -d / 2], dn, [w, 0]), this.vertex(b, [w / 2, 0, d / 2], dn, [w, d]), this.vertex(b, [-w / 2, 0, d / 2], dn, [0, d])];
    b.indices.push(q[0]!, q[1]!, q[2]!, q[0]!, q[2]!, q[3]!);
    // Skirts along the four edges (heights at the border are usually ~0; still closed).
    const edge = (pts: Array<[number, number, number]>, nrm: [number, number, number]) => {
      for (let k = 0; k + 1 < pts.length; k++) {
        const p = pts[k]!, r = pts[k + 1]!;
        if (p[1] < 1e-6 && r[1] < 1e-6) continue; // nothing above the ground here
        const a = this.vertex(b, [p[0], 0, p[2]], nrm, [k, 0]), c = this.vertex(b, [r[0], 0, r[2]], nrm, [k + 1, 0]);
        const e = this.vertex(b, [r[0], r[1], r[2]], nrm, [k + 1, r[1]]), f = this.vertex(b, p, nrm, [k, p[1]]);
        if (r[1] >= 1e-6) b.indices.push(a, c, e);
        if (p[1] >= 1e-6) b.indices.push(a, e, f);
      }
    };
    const xs = (j: number) => hs[j]!.map((h, i) => [-w / 2 + (i / n) * w, h, -d / 2 + (j / n) * d] as [number, number, number]);
    const zs = (i: number) => hs.map((row, j) => [-w / 2 + (i / n) * w, row[i]!, -d / 2 + (j / n) * d] as [number, number, number]);
    edge(xs(0).reverse(), [0, 0, -1]);
    edge(xs(n), [0, 0, 1]);
    edge(zs(0), [-1, 0, 0]);
    edge(zs(n).reverse(), [1, 0, 0]);
  }

  triangleCount(): number {
    let t = 0;
    for (const b of this.buckets.values()) t += b.indices.length / 3;
    return t;
  }
}
