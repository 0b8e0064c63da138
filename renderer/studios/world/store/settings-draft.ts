import { DEFAULT_WORLD_SKY, WorldSettings, type World } from '../../../../shared/schemas/world.js';
import type { WorldMeta } from './history.js';

/**
 * The World settings panel's form as text (what the user typed), and its check against the
 * shared WorldSettings schema: a non-number, NaN or an out-of-range value is refused with the
 * field named, and nothing is applied until every field is valid. Pure.
 */

export const KINDS = ['prop', 'structure', 'character', 'terrain_stamp'] as const;

export interface SettingsDraft {
  name: string;
  style: string;
  gravity: string;
  allowedKinds: string[];
  maxEntities: string;
  maxTriangles: string;
  skyColor: string;
  sunIntensity: string;
  sunElevationDeg: string;
  sunAzimuthDeg: string;
  ambient: string;
}

export const FIELD_LABELS: Record<string, string> = {
  name: 'Name',
  style: 'Style',
  gravity: 'Gravity',
  allowedKinds: 'Allowed kinds',
  'budget.maxEntities': 'Object budget',
  'budget.maxTriangles': 'Triangle budget',
  'sky.color': 'Sky colour',
  'sky.sunIntensity': 'Sun intensity',
  'sky.sunElevationDeg': 'Sun elevation',
  'sky.sunAzimuthDeg': 'Sun azimuth',
  'sky.ambient': 'Ambient light',
};

export function draftOf(world: Pick<World, 'name' | 'settings'>): SettingsDraft {
  const s = world.settings;
  const sky = s.sky ?? DEFAULT_WORLD_SKY;
  return {
    name: world.name,
    style: s.style,
    gravity: String(s.gravity),
    allowedKinds: [...s.allowedKinds],
    maxEntities: String(s.budget.maxEntities),
    maxTriangles: String(s.budget.maxTriangles),
    skyColor: sky.color,
    sunIntensity: String(sky.sunIntensity),
    sunElevationDeg: String(sky.sunElevationDeg),
    sunAzimuthDeg: String(sky.sunAzimuthDeg),
    ambient: String(sky.ambient),
  };
}

/** Text → number; '' and anything not finite stay NaN so the schema names the field. */
const num = (t: string): number => (t.trim() === '' ? Number.NaN : Number(t));

export type DraftCheck = { ok: true; meta: WorldMeta } | { ok: false; errors: Record<string, string> };

export function checkDraft(d: SettingsDraft): DraftCheck {
  const errors: Record<string, string> = {};
  const name = d.name.trim();
  if (!name) errors.name = 'Name must not be empty';
  else if (name.length > 200) errors.name = 'Name must be at most 200 characters';
  const candidate = {
    style: d.style.trim(),
    scaleUnit: 'm',
    allowedKinds: KINDS.filter((k) => d.allowedKinds.includes(k)),
    budget: { maxEntities: num(d.maxEntities), maxTriangles: num(d.maxTriangles) },
    gravity: num(d.gravity),
    sky: { color: d.skyColor, sunIntensity: num(d.sunIntensity), sunElevationDeg: num(d.sunElevationDeg), sunAzimuthDeg: num(d.sunAzimuthDeg), ambient: num(d.ambient) },
  };
  const parsed = WorldSettings.safeParse(candidate);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const path = issue.path.join('.');
      const label = FIELD_LABELS[path] ?? path;
      if (!errors[path]) errors[path] = `${label}: ${issue.message}`;
    }
  }
  if (!parsed.success || Object.keys(errors).length) return { ok: false, errors };
  return { ok: true, meta: { name, settings: parsed.data } };
}
