import { Vector3, type Quaternion } from 'three';

/** Yaw (y) and pitch (x) of a first/third-person view, in radians. */
export interface LookAngles {
  x: number;
  y: number;
}

/**
 * Play-mode input on the canvas (the editor's play mode and a world session's own avatar):
 * mouse look under pointer lock, a first click that asks for the lock (it may be refused —
 * headless, iframes — and the keys still work), left/right buttons for the primary and
 * secondary actions, no context menu, and keys passed on. Returns the cleanup.
 */
export function bindPlayInput(el: HTMLElement, look: { current: LookAngles }, on: { primary(): void; secondary(): void; key(e: KeyboardEvent): void }): () => void {
  const onMove = (e: MouseEvent) => {
    if (document.pointerLockElement !== el) return;
    look.current.y -= e.movementX * 0.0025;
    look.current.x = Math.max(-1.4, Math.min(1.4, look.current.x - e.movementY * 0.0025));
  };
  const onDown = (e: MouseEvent) => {
    if (document.pointerLockElement !== el) {
      void Promise.resolve(el.requestPointerLock?.()).catch(() => undefined);
      return;
    }
    if (e.button === 0) on.primary();
    if (e.button === 2) on.secondary();
  };
  const noMenu = (e: Event) => e.preventDefault();
  el.addEventListener('mousemove', onMove);
  el.addEventListener('mousedown', onDown);
  el.addEventListener('contextmenu', noMenu);
  window.addEventListener('keydown', on.key);
  return () => {
    el.removeEventListener('mousemove', onMove);
    el.removeEventListener('mousedown', onDown);
    el.removeEventListener('contextmenu', noMenu);
    window.removeEventListener('keydown', on.key);
    if (document.pointerLockElement === el) document.exitPointerLock();
  };
}

/** Arrow-key look (for when pointer lock is refused): turns `look` by the keys held this frame. */
export function arrowLook(look: LookAngles, dt: number, held: (code: string) => boolean): void {
  if (held('ArrowLeft')) look.y += 2 * dt;
  if (held('ArrowRight')) look.y -= 2 * dt;
  if (held('ArrowUp')) look.x = Math.min(1.4, look.x + 1.5 * dt);
  if (held('ArrowDown')) look.x = Math.max(-1.4, look.x - 1.5 * dt);
}

/** The walking velocity from WASD (Shift sprints) relative to the facing `yaw`, on the ground plane. */
export function walkVelocity(yaw: Quaternion, walk: number, sprint: number, held: (code: string) => boolean): Vector3 {
  const f = new Vector3(0, 0, -1).applyQuaternion(yaw);
  const r = new Vector3(1, 0, 0).applyQuaternion(yaw);
  const move = new Vector3();
  if (held('KeyW')) move.add(f);
  if (held('KeyS')) move.sub(f);
  if (held('KeyD')) move.add(r);
  if (held('KeyA')) move.sub(r);
  if (move.lengthSq() > 0) move.normalize().multiplyScalar(held('ShiftLeft') ? sprint : walk);
  return move;
}
