import { useFrame, useThree } from '@react-three/fiber';
import { useEffect, useRef } from 'react';
import { Euler, Vector3 } from 'three';
import { anyHeld, isHeld, isTypingTarget } from './keys.js';

const MOVE_KEYS = ['KeyW', 'KeyA', 'KeyS', 'KeyD', 'KeyQ', 'KeyE', 'ShiftLeft'] as const;

/**
 * Build-mode free-fly camera: hold the right mouse button (or Alt + left) and move the mouse to
 * look, WASD to fly, Q/E down/up, Shift faster, the wheel to dolly. Renders on demand: frames
 * are asked for only while something moves.
 */
export function FlyCamera() {
  const { camera, gl, invalidate } = useThree();
  const euler = useRef(new Euler(0, 0, 0, 'YXZ'));

  useEffect(() => {
    euler.current.setFromQuaternion(camera.quaternion, 'YXZ');
    const el = gl.domElement;
    let looking = false;
    const down = (e: PointerEvent) => {
      if (e.button === 2 || (e.button === 0 && e.altKey)) {
        looking = true;
        // The view may have been moved by "frame selection" or by leaving play.
        euler.current.setFromQuaternion(camera.quaternion, 'YXZ');
        el.setPointerCapture(e.pointerId);
      }
    };
    const move = (e: PointerEvent) => {
      if (!looking) return;
      const eu = euler.current;
      eu.y -= e.movementX * 0.004;
      eu.x = Math.max(-1.5, Math.min(1.5, eu.x - e.movementY * 0.004));
      camera.quaternion.setFromEuler(eu);
      invalidate();
    };
    const up = (e: PointerEvent) => {
      if (!looking) return;
      looking = false;
      if (el.hasPointerCapture(e.pointerId)) el.releasePointerCapture(e.pointerId);
    };
    const wheel = (e: WheelEvent) => {
      e.preventDefault();
      camera.position.addScaledVector(new Vector3(0, 0, -1).applyQuaternion(camera.quaternion), -e.deltaY * 0.01);
      invalidate();
    };
    const menu = (e: Event) => e.preventDefault();
    // Only flying keys start frames: typing in a panel must not make the scene redraw.
    const key = (e: KeyboardEvent) => {
      if (!isTypingTarget(e.target) && (MOVE_KEYS as readonly string[]).includes(e.code)) invalidate();
    };
    el.addEventListener('pointerdown', down);
    el.addEventListener('pointermove', move);
    el.addEventListener('pointerup', up);
    el.addEventListener('wheel', wheel, { passive: false });
    el.addEventListener('contextmenu', menu);
    window.addEventListener('keydown', key);
    return () => {
      el.removeEventListener('pointerdown', down);
      el.removeEventListener('pointermove', move);
      el.removeEventListener('pointerup', up);
      el.removeEventListener('wheel', wheel);
      el.removeEventListener('contextmenu', menu);
      window.removeEventListener('keydown', key);
    };
  }, [camera, gl, invalidate]);

  useFrame((_, dt) => {
    if (!anyHeld(MOVE_KEYS)) return;
    const speed = (isHeld('ShiftLeft') ? 24 : 8) * Math.min(dt, 0.1);
    const fwd = new Vector3(0, 0, -1).applyQuaternion(camera.quaternion);
    const right = new Vector3(1, 0, 0).applyQuaternion(camera.quaternion);
    const d = new Vector3();
    if (isHeld('KeyW')) d.add(fwd);
    if (isHeld('KeyS')) d.sub(fwd);
    if (isHeld('KeyD')) d.add(right);
    if (isHeld('KeyA')) d.sub(right);
    if (isHeld('KeyE')) d.y += 1;
    if (isHeld('KeyQ')) d.y -= 1;
    if (d.lengthSq() > 0) camera.position.addScaledVector(d.normalize(), speed);
    invalidate();
  });
  return null;
}
