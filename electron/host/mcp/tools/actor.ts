import type { Actor } from '../../shaders/deps.js';
import type { Principal } from '../principal.js';

/** The owner acts as admin; an API key acts as its user (the owner's account on a desktop). */
export function actorOf(p: Principal): Actor {
  return { userId: p.userId, isAdmin: p.kind === 'owner' };
}
