import type { MeshBuilder } from '../mesh-builder.js';
import { param, segs, type Template, type TemplateContext } from './context.js';

/**
 * A segmented character (seed budgets: LOD0 2,000–5,000 triangles): one glTF node per body part
 * with its pivot at the joint (neck, shoulders, elbows, hips, knees), so a later rig or a simple
 * procedural animation can turn the parts about their joints.
 */

type Part = (b: MeshBuilder, n: number) => void;

/** A limb segment hanging down from its joint at (x, y, z) in object space. */
function limb(c: TemplateContext, name: string, joint: [number, number, number], length: number, r0: number, r1: number): void {
  c.b.setGroup(name, joint);
  const n = segs(c, 12, 5);
  c.b.at(joint[0], joint[1] - length, joint[2], () => {
    c.b.lathe([[0, 0], [r1 * 0.8, length * 0.02], [r1, length * 0.1], [r0, length * 0.9], [r0 * 0.8, length * 0.98], [0, length]], n);
  });
}

function figure(c: TemplateContext, robot: boolean): void {
  const [x, y, z] = c.size;
  const headR = param(c, 'headRatio', robot ? 0.14 : 0.13, 0.08, 0.25) * y * 0.5;
  const shoulder = param(c, 'shoulder', robot ? 0.55 : 0.45, 0.3, 0.8) * x;
  const legLen = y * 0.46;
  const hipY = legLen;
  const torsoH = y - legLen - headR * 2 - y * 0.03;
  const neckY = hipY + torsoH;
  const n = segs(c, 16, 6);
  const body: Part = robot
    ? (b) => {
        b.box(0, hipY + torsoH * 0.55, 0, shoulder * 1.6, torsoH * 0.9, z * 0.8);
        b.box(0, hipY + torsoH * 0.05, 0, shoulder * 1.1, torsoH * 0.2, z * 0.7);
      }
    : (b, nn) => b.at(0, hipY + torsoH / 2, 0, () => b.ellipsoid(shoulder * 0.85, torsoH / 2, z * 0.45, nn));
  c.b.setGroup('torso', [0, hipY, 0]);
  body(c.b, n);
  c.b.setMaterial(c.secondary);
  c.b.setGroup('head', [0, neckY, 0]);
  if (robot) {
    c.b.box(0, neckY + headR, 0, headR * 1.8, headR * 1.7, headR * 1.6);
    c.b.at(0, neckY + headR * 1.2, headR * 0.8, () => c.b.box(0, 0, 0, headR * 1.2, headR * 0.3, 0.02));
  } else {
    c.b.at(0, neckY + headR, 0, () => c.b.ellipsoid(headR * 0.85, headR, headR * 0.9, n));
    c.b.at(0, neckY - 0.02, 0, () => c.b.cylinder(headR * 0.35, headR * 0.4, segs(c, 8, 5)));
  }
  c.b.setMaterial(0);
  const armLen = y * 0.36;
  const armR = Math.min(x, z) * (robot ? 0.14 : 0.11);
  for (const side of [-1, 1]) {
    const s = side < 0 ? 'l' : 'r';
    const sx = side * shoulder;
    const sy = neckY - torsoH * 0.08;
    limb(c, `arm_${s}_upper`, [sx, sy, 0], armLen * 0.5, armR, armR * 0.9);
    limb(c, `arm_${s}_lower`, [sx, sy - armLen * 0.5, 0], armLen * 0.5, armR * 0.9, armR * 0.75);
    c.b.setMaterial(c.secondary);
    c.b.setGroup(`hand_${s}`, [sx, sy - armLen, 0]);
    c.b.at(sx, sy - armLen - armR * 1.1, 0, () => c.b.ellipsoid(armR * 0.8, armR * 1.1, armR * 0.6, segs(c, 8, 5)));
    c.b.setMaterial(0);
    const hx = side * x * 0.18;
    const legR = Math.min(x, z) * (robot ? 0.17 : 0.14);
    limb(c, `leg_${s}_upper`, [hx, hipY, 0], legLen * 0.5, legR, legR * 0.85);
    limb(c, `leg_${s}_lower`, [hx, hipY - legLen * 0.5, 0], legLen * 0.5 - legR * 0.5, legR * 0.85, legR * 0.7);
    c.b.setMaterial(c.secondary);
    c.b.setGroup(`foot_${s}`, [hx, legR * 0.5, 0]);
    c.b.box(hx, legR * 0.25, z * 0.15, legR * 1.6, legR * 0.5, Math.min(z, legR * 3.2));
    c.b.setMaterial(0);
  }
  c.b.setGroup('body');
}

export const humanoidTemplate: Template = (c) => figure(c, false);
export const robotTemplate: Template = (c) => figure(c, true);
