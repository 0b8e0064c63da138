import type { EntityBehaviour, EntityPhysics, EntityRender } from '../../../shared/schemas/world.js';

/** What a new entity has unless its asset, recipe or the request says otherwise. */
export const DEFAULT_PHYSICS: EntityPhysics = { bodyType: 'dynamic', massKg: 1, gravityScale: 1, friction: 0.6, restitution: 0.1, collider: 'box' };
export const DEFAULT_RENDER: EntityRender = { tint: null, castShadow: true, receiveShadow: true, materialOverrides: {} };
export const DEFAULT_BEHAVIOUR: EntityBehaviour = { pickupable: true, throwable: true, breakable: false };
