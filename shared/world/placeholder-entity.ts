import type { EntityBehaviour, EntityPhysics, PlaceholderLook } from '../schemas/world.js';
import type { Recipe } from './recipe.js';

/**
 * The fields of a placeholder entity a recipe decides (seed §6 Step B: right size, material
 * colour, box collider). The host uses it for the entity POST /world/jobs creates, and the editor
 * for the optimistic entity it shows on Enter before that answer arrives, so both agree.
 */
export interface PlaceholderFields {
  name: string;
  physics: EntityPhysics;
  behaviour: EntityBehaviour;
  placeholder: PlaceholderLook;
}

export function placeholderFields(recipe: Recipe, massKg: number): PlaceholderFields {
  const m = recipe.materials[0];
  const [x, y, z] = recipe.scaleMeters;
  return {
    name: recipe.name,
    physics: {
      bodyType: recipe.physics.body,
      massKg: Math.max(0.01, massKg),
      gravityScale: 1,
      friction: recipe.physics.friction,
      restitution: recipe.physics.restitution,
      collider: 'box',
    },
    behaviour: { pickupable: recipe.interaction.pickup, throwable: recipe.interaction.throwable, breakable: recipe.interaction.breakable },
    placeholder: { scaleMeters: [x, y, z], color: m?.color ?? '#9a9a9a', roughness: m?.roughness ?? 0.8, collider: 'box' },
  };
}
