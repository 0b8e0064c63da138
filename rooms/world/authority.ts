import { HOLD_DISTANCE_M, MAX_REACH_M, MAX_THROW_SPEED_MPS } from '../../shared/world/room-protocol.js';
import { dist, eyeOf, forwardOf } from './movement.js';
import type { ServerPhysics } from './physics.js';

type Vec3 = [number, number, number];

export interface Holder {
  sessionId: string;
  feet: Vec3;
  yaw: number;
  pitch: number;
}

interface Hold {
  holder: string;
  /** Where the holder asked the body to float, and when (older than HOLD_TARGET_MS: in front of the eye). */
  target: Vec3 | null;
  targetAt: number;
}

/** A refused intent: code for clients, message for people. */
export class Refusal extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

const HOLD_TARGET_MS = 500;
/** Bodies are measured from their pivot (ground contact), so reach gets a body-size allowance. */
const REACH_ALLOWANCE_M = 1.5;

/**
 * Who has authority over which body (seed §10): the server, or the player holding it. Picking up
 * moves authority to the holder; throw and release move it back. Only the holder may steer,
 * throw or release a body, so a client claiming authority it does not hold is refused.
 */
export class Authority {
  private holds = new Map<string, Hold>();

  constructor(private readonly physics: ServerPhysics) {}

  holderOf(entityId: string): string {
    return this.holds.get(entityId)?.holder ?? '';
  }

  map(): Record<string, string> {
    return Object.fromEntries([...this.holds].map(([id, h]) => [id, h.holder]));
  }

  pickUp(who: Holder, entityId: string, alreadyHolding: string): void {
    const e = this.physics.entity(entityId);
    if (!e) throw new Refusal('not_found', `No body ${entityId} in this world`);
    if (e.physics.bodyType !== 'dynamic') throw new Refusal('not_pickupable', `${e.name} is ${e.physics.bodyType}: only dynamic bodies can be picked up`);
    if (!e.behaviour.pickupable) throw new Refusal('not_pickupable', `${e.name} is not pickupable`);
    const held = this.holds.get(entityId);
    if (held && held.holder !== who.sessionId) throw new Refusal('held_by_other', `${e.name} is held by another player`);
    if (alreadyHolding && alreadyHolding !== entityId) throw new Refusal('hands_full', 'You are already holding something: release or throw it first');
    const pose = this.physics.pose(entityId)!;
    const d = dist(eyeOf(who.feet), pose.position);
    if (d > MAX_REACH_M + REACH_ALLOWANCE_M) throw new Refusal('too_far', `${e.name} is ${d.toFixed(1)} m away (reach ${MAX_REACH_M} m)`);
    this.holds.set(entityId, { holder: who.sessionId, target: null, targetAt: 0 });
    this.physics.setHeld(entityId, true);
  }

  private mine(sessionId: string, entityId: string): Hold {
    const h = this.holds.get(entityId);
    if (!h || h.holder !== sessionId) throw new Refusal('not_holder', `You do not hold ${entityId}: authority over it is ${h ? 'another player' : 'the server'}'s`);
    return h;
  }

  /** The holder steers its body; a target past reach is pulled back to reach. */
  steer(who: Holder, entityId: string, target: Vec3, now: number): void {
    const h = this.mine(who.sessionId, entityId);
    const eye = eyeOf(who.feet);
    const d = dist(eye, target);
    const k = d > MAX_REACH_M ? MAX_REACH_M / d : 1;
    h.target = [eye[0] + (target[0] - eye[0]) * k, eye[1] + (target[1] - eye[1]) * k, eye[2] + (target[2] - eye[2]) * k];
    h.targetAt = now;
  }

  throwIt(who: Holder, entityId: string, direction: Vec3, speed: number): void {
    this.mine(who.sessionId, entityId);
    const e = this.physics.entity(entityId)!;
    this.release(who.sessionId, entityId);
    if (!e.behaviour.throwable) throw new Refusal('not_throwable', `${e.name} is not throwable: dropped it`);
    const n = Math.hypot(...direction) || 1;
    // Heavy things fly slower, as in the editor's play mode.
    const cap = Math.min(MAX_THROW_SPEED_MPS, 14 * Math.min(1, Math.max(0.2, 10 / Math.max(0.1, e.physics.massKg))) * 1.45);
    const s = Math.min(speed, cap);
    this.physics.setVelocity(entityId, [(direction[0] / n) * s, (direction[1] / n) * s, (direction[2] / n) * s]);
  }

  release(sessionId: string, entityId: string): void {
    this.mine(sessionId, entityId);
    this.holds.delete(entityId);
    this.physics.setHeld(entityId, false);
  }

  /** Everything a player holds goes back to the server (they left for good). */
  releaseAll(sessionId: string): string[] {
    const ids = [...this.holds].filter(([, h]) => h.holder === sessionId).map(([id]) => id);
    for (const id of ids) this.release(sessionId, id);
    return ids;
  }

  forget(entityId: string): void {
    this.holds.delete(entityId);
  }

  /** Each tick: held bodies are dragged to their holder's target (or in front of the eye). */
  drive(holders: Map<string, Holder>, now: number): void {
    for (const [id, h] of this.holds) {
      const who = holders.get(h.holder);
      if (!who) continue;
      let target = h.target && now - h.targetAt < HOLD_TARGET_MS ? h.target : null;
      if (!target) {
        const eye = eyeOf(who.feet);
        const f = forwardOf(who.yaw, who.pitch);
        target = [eye[0] + f[0] * HOLD_DISTANCE_M, eye[1] + f[1] * HOLD_DISTANCE_M - 0.4, eye[2] + f[2] * HOLD_DISTANCE_M];
      }
      this.physics.dragTo(id, target);
    }
  }
}
