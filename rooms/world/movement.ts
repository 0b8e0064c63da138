import { EYE_HEIGHT_M, MAX_FALL_MPS, MAX_SPEED_MPS, MOVE_SLACK_M } from '../../shared/world/room-protocol.js';
import { HALF_EXTENT_M } from '../../shared/world/terrain.js';

type Vec3 = [number, number, number];

/** How far outside the terrain a player may walk (metres). */
const BOUNDS_MARGIN_M = 64;
/** Longest gap between two moves that still earns distance (a paused client gets no teleport credit). */
const MAX_CREDIT_MS = 1000;

/**
 * Checks one `move` against the last accepted position (seed §17 "server validates moves"):
 * horizontal speed at most MAX_SPEED_MPS, falling at most MAX_FALL_MPS, rising at most
 * MAX_SPEED_MPS, over the server's own clock since the last accepted move (never the client's),
 * plus MOVE_SLACK_M for jitter; not under the ground, not out of the world. Returns why not, or null.
 */
export function checkMove(from: Vec3, to: Vec3, elapsedMs: number, groundY: number): string | null {
  const dt = Math.min(MAX_CREDIT_MS, Math.max(0, elapsedMs)) / 1000;
  const horiz = Math.hypot(to[0] - from[0], to[2] - from[2]);
  if (horiz > MAX_SPEED_MPS * dt + MOVE_SLACK_M) return `moved ${horiz.toFixed(2)} m in ${(dt * 1000).toFixed(0)} ms (limit ${MAX_SPEED_MPS} m/s)`;
  const dy = to[1] - from[1];
  if (dy > MAX_SPEED_MPS * dt + MOVE_SLACK_M) return `rose ${dy.toFixed(2)} m in ${(dt * 1000).toFixed(0)} ms (limit ${MAX_SPEED_MPS} m/s)`;
  if (-dy > MAX_FALL_MPS * dt + MOVE_SLACK_M) return `fell ${(-dy).toFixed(2)} m in ${(dt * 1000).toFixed(0)} ms (limit ${MAX_FALL_MPS} m/s)`;
  if (to[1] < groundY - 1) return `position is ${(groundY - to[1]).toFixed(2)} m under the ground`;
  const lim = HALF_EXTENT_M + BOUNDS_MARGIN_M;
  if (Math.abs(to[0]) > lim || Math.abs(to[2]) > lim) return `position is outside the world (±${lim} m)`;
  return null;
}

/** Unit view direction from yaw (about +y, 0 = looking down -z) and pitch (up positive), as three.js cameras. */
export function forwardOf(yaw: number, pitch: number): Vec3 {
  const c = Math.cos(pitch);
  return [-Math.sin(yaw) * c, Math.sin(pitch), -Math.cos(yaw) * c];
}

export function eyeOf(feet: Vec3): Vec3 {
  return [feet[0], feet[1] + EYE_HEIGHT_M, feet[2]];
}

export const dist = (a: Vec3, b: Vec3): number => Math.hypot(a[0] - b[0], a[1] - b[1], a[2] - b[2]);
