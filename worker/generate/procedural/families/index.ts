import { aurora } from './aurora.js';
import { blobs } from './blobs.js';
import { cells } from './cells.js';
import { clouds } from './clouds.js';
import { fire } from './fire.js';
import { fractal } from './fractal.js';
import { grid } from './grid.js';
import { kaleidoscope } from './kaleidoscope.js';
import { plasma } from './plasma.js';
import { raymarch } from './raymarch.js';
import { rings } from './rings.js';
import { stars } from './stars.js';
import { truchet } from './truchet.js';
import { tunnel } from './tunnel.js';
import type { Family, FamilyId } from './types.js';
import { waves } from './waves.js';

/** Every family the composer knows, in a fixed order (the order is part of determinism). */
export const FAMILIES: readonly Family[] = [tunnel, fractal, raymarch, cells, waves, stars, plasma, kaleidoscope, clouds, grid, fire, aurora, truchet, rings, blobs];

export const FAMILY_IDS = FAMILIES.map((f) => f.id) as readonly FamilyId[];

export function familyById(id: FamilyId): Family {
  const f = FAMILIES.find((x) => x.id === id);
  if (!f) throw new Error(`Unknown family ${id}`);
  return f;
}

export type { Family, FamilyId, FamilyContext, FamilyOutput } from './types.js';
