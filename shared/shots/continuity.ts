import type { ContinuityWarning } from '../schemas/shots.js';

/** What continuity needs of a shot and an ingredient (Shot/Ingredient rows fit). */
export interface ContinuityShot {
  id: string;
  sceneId: string;
  order: number;
  description: string;
  characters: readonly string[];
  slots: readonly (string | null)[];
}
export interface ContinuityIngredient {
  id: string;
  type: string;
  name: string;
}

/** "MARA (V.O.)", "Mara" and " mara " are the same character. */
export function characterKey(name: string): string {
  return name
    .replace(/\([^)]*\)/g, ' ')
    .replace(/\s+/g, ' ')
    .trim()
    .toUpperCase();
}

const escapeRe = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Whether a shot names the character: in its characters list, or as a whole word in its description. */
export function shotNames(shot: ContinuityShot, character: string): boolean {
  const key = characterKey(character);
  if (!key) return false;
  if (shot.characters.some((c) => characterKey(c) === key)) return true;
  return new RegExp(`(^|[^\\p{L}\\p{N}])${escapeRe(key)}($|[^\\p{L}\\p{N}])`, 'iu').test(shot.description);
}

/**
 * A Character ingredient in a slot of one shot, and the next shot of the same scene that names
 * that character does not hold it in any slot: the reference would drift between the two shots.
 */
export function continuityWarnings(shots: readonly ContinuityShot[], ingredients: readonly ContinuityIngredient[]): ContinuityWarning[] {
  const byId = new Map(ingredients.map((i) => [i.id, i]));
  const byScene = new Map<string, ContinuityShot[]>();
  for (const s of shots) byScene.set(s.sceneId, [...(byScene.get(s.sceneId) ?? []), s]);
  const out: ContinuityWarning[] = [];
  for (const [sceneId, list] of byScene) {
    const ordered = [...list].sort((a, b) => a.order - b.order);
    ordered.forEach((shot, i) => {
      for (const id of new Set(shot.slots)) {
        const ing = id ? byId.get(id) : undefined;
        if (!ing || ing.type !== 'Character') continue;
        const next = ordered.slice(i + 1).find((s) => shotNames(s, ing.name));
        if (!next || next.slots.includes(ing.id)) continue;
        out.push({
          kind: 'character_missing',
          sceneId,
          shotId: next.id,
          previousShotId: shot.id,
          ingredientId: ing.id,
          character: ing.name,
          message: `Shot ${next.order + 1} names ${ing.name}, who has a reference in shot ${shot.order + 1}, but no slot holds it: the character may look different`,
        });
      }
    });
  }
  return out;
}
