/**
 * Marquee selection in build mode (pure, unit-tested): a rectangle dragged on empty space picks
 * every root object whose centre projects inside it; Shift adds to the selection instead of
 * replacing it. Coordinates are CSS pixels of the canvas.
 */

export interface Rect {
  x: number;
  y: number;
  w: number;
  h: number;
}

/** Dragging less than this (px) is a click, not a marquee. */
export const MARQUEE_MIN_PX = 5;

export function rectFrom(ax: number, ay: number, bx: number, by: number): Rect {
  return { x: Math.min(ax, bx), y: Math.min(ay, by), w: Math.abs(bx - ax), h: Math.abs(by - ay) };
}

export const isDrag = (r: Rect): boolean => r.w >= MARQUEE_MIN_PX || r.h >= MARQUEE_MIN_PX;

/** A root object's centre on screen; `inFront` is false behind the camera (or past its far plane). */
export interface ScreenPoint {
  id: string;
  x: number;
  y: number;
  inFront: boolean;
}

export function idsInRect(points: readonly ScreenPoint[], r: Rect): string[] {
  return points.filter((p) => p.inFront && p.x >= r.x && p.x <= r.x + r.w && p.y >= r.y && p.y <= r.y + r.h).map((p) => p.id);
}

/** The selection after a marquee: the hits, or (additive) the current selection plus the hits, order kept. */
export function marqueeSelection(current: readonly string[], hits: readonly string[], additive: boolean): string[] {
  if (!additive) return [...hits];
  const out = [...current];
  for (const id of hits) if (!out.includes(id)) out.push(id);
  return out;
}
