/** Pointer events → MouseState for an on-screen canvas. */
import type { MouseState } from './mouse-state.js';

/** Buffer pixel coordinates (origin bottom-left) of a pointer event over `canvas`. */
export function canvasPoint(canvas: HTMLCanvasElement, ev: { clientX: number; clientY: number }): [number, number] {
  const r = canvas.getBoundingClientRect();
  const x = ((ev.clientX - r.left) / Math.max(1, r.width)) * canvas.width;
  const y = canvas.height - ((ev.clientY - r.top) / Math.max(1, r.height)) * canvas.height;
  return [Math.max(0, Math.min(canvas.width, x)), Math.max(0, Math.min(canvas.height, y))];
}

/** Wires pointer events on `canvas` to `mouse`; returns the function that unwires them. */
export function attachMouse(canvas: HTMLCanvasElement, mouse: MouseState): () => void {
  const down = (ev: PointerEvent): void => {
    canvas.setPointerCapture(ev.pointerId);
    mouse.press(...canvasPoint(canvas, ev));
  };
  const move = (ev: PointerEvent): void => mouse.move(...canvasPoint(canvas, ev));
  const up = (): void => mouse.release();
  canvas.addEventListener('pointerdown', down);
  canvas.addEventListener('pointermove', move);
  canvas.addEventListener('pointerup', up);
  canvas.addEventListener('pointercancel', up);
  return () => {
    canvas.removeEventListener('pointerdown', down);
    canvas.removeEventListener('pointermove', move);
    canvas.removeEventListener('pointerup', up);
    canvas.removeEventListener('pointercancel', up);
  };
}
