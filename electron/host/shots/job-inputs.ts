import type { ShotsBreakdownInput } from '../../../shared/jobs/shots-breakdown.js';
import type { ShotsAnimaticInput } from '../../../shared/jobs/shots-animatic.js';
import type { PayloadIngredient, ShotsPayloadInputRaw } from '../../../shared/jobs/shots-payload.js';
import type { IngredientMetadata } from '../../../shared/schemas/shots.js';
import { badRequest } from '../errors.js';
import type { ShotsDeps } from './deps.js';
import { slotsOf, type ShotsReader } from './rows.js';

/** shots.breakdown input: the scene as stored (its Fountain text). */
export function breakdownInput(reader: ShotsReader, sceneId: string): Omit<ShotsBreakdownInput, 'provider'> {
  const scene = reader.scene(sceneId);
  const rawContent = scene.rawContent?.trim() ? scene.rawContent : scene.slugline;
  return { sceneId, slugline: scene.slugline, rawContent };
}

/**
 * shots.payload input: the shot, its slugline, the project's format and the filled slots with
 * what is known of each ingredient (caption/tags only when a vision model wrote them). A video
 * reference goes to Veo as its poster frame.
 */
export function payloadInput(deps: ShotsDeps, reader: ShotsReader, shotId: string): ShotsPayloadInputRaw {
  const { shot, scene } = reader.shot(shotId);
  const project = reader.project(scene.projectId);
  const ingredients: PayloadIngredient[] = [];
  slotsOf(shot).forEach((id, i) => {
    if (!id) return;
    const ing = reader.ingredient(id);
    const m = ing.metadata as IngredientMetadata;
    const mediaId = ing.posterMediaId ?? ing.mediaId;
    const mime = deps.media.get(mediaId)?.mime;
    if (mime !== 'image/png' && mime !== 'image/jpeg' && mime !== 'image/webp') throw badRequest(`Reference "${ing.name}" in slot ${i + 1} has no image Veo can take`);
    ingredients.push({
      slot: i + 1,
      id: ing.id,
      name: ing.name,
      type: ing.type,
      ...(m.caption ? { caption: m.caption } : {}),
      ...(m.tags?.length ? { tags: m.tags } : {}),
      palette: m.palette,
      mediaId,
      mime,
    });
  });
  return {
    shotId,
    shot: { description: shot.description, duration: shot.duration, shotType: shot.shotType, camera: shot.camera, characters: shot.characters ?? [] },
    slugline: scene.slugline,
    ingredients,
    aspectRatio: project.aspectRatio,
    resolution: project.resolution,
  };
}

/** shots.animatic input: the scene's shots in order, each with its first filled slot's image (poster for a video). */
export function animaticInput(reader: ShotsReader, sceneId: string): Omit<ShotsAnimaticInput, 'speech'> {
  const scene = reader.scene(sceneId);
  const project = reader.project(scene.projectId);
  const shots = reader.liveShots([sceneId]).map((s) => {
    const first = slotsOf(s).find((id): id is string => !!id);
    const ing = first ? reader.ingredient(first) : null;
    return { shotId: s.id, description: s.description, duration: s.duration, shotType: s.shotType, imageMediaId: ing ? (ing.posterMediaId ?? ing.mediaId) : null };
  });
  if (!shots.length) throw badRequest(`Scene "${scene.slugline}" has no shots yet: break it down or add shots before making an animatic`);
  return { sceneId, slugline: scene.slugline, shots, aspectRatio: project.aspectRatio };
}
