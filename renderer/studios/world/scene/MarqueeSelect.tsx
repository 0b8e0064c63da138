import { useThree } from '@react-three/fiber';
import { useEffect } from 'react';
import { Box3, Raycaster, Vector2, Vector3 } from 'three';
import { create } from 'zustand';
import { idsInRect, isDrag, marqueeSelection, rectFrom, type Rect, type ScreenPoint } from '../store/marquee.js';
import { useWorldStore } from '../store/world-store.js';
import { rootObjects, sceneRefs } from './registry.js';
import { gizmoState } from './SelectionGizmo.js';

/** The rectangle being dragged (CSS px of the canvas), for the overlay outside the Canvas. */
export const useMarquee = create<{ rect: Rect | null }>()(() => ({ rect: null }));

/** Screen centres of the root objects (prefab children go with their root). */
function rootPoints(width: number, height: number): ScreenPoint[] {
  const cam = sceneRefs.camera;
  if (!cam) return [];
  const out: ScreenPoint[] = [];
  const box = new Box3();
  const c = new Vector3();
  for (const [id, obj] of rootObjects()) {
    box.setFromObject(obj);
    if (box.isEmpty()) obj.getWorldPosition(c);
    else box.getCenter(c);
    c.project(cam);
    out.push({ id, x: ((c.x + 1) / 2) * width, y: ((1 - c.y) / 2) * height, inFront: c.z >= -1 && c.z <= 1 });
  }
  return out;
}

/**
 * Build mode: a left drag that starts on empty space (no object under the pointer, no gizmo
 * handle, not sculpting) draws a rectangle and selects the objects inside it; Shift adds.
 */
export function MarqueeSelect() {
  const { gl, camera } = useThree();
  useEffect(() => {
    const el = gl.domElement;
    let start: { x: number; y: number; additive: boolean; id: number } | null = null;
    const local = (e: PointerEvent) => {
      const r = el.getBoundingClientRect();
      return { x: e.clientX - r.left, y: e.clientY - r.top, w: r.width, h: r.height };
    };
    const down = (e: PointerEvent) => {
      const s = useWorldStore.getState();
      if (e.button !== 0 || e.altKey || s.mode !== 'build' || s.tool === 'sculpt') return;
      const p = local(e);
      const ray = new Raycaster();
      ray.setFromCamera(new Vector2((p.x / p.w) * 2 - 1, -(p.y / p.h) * 2 + 1), camera);
      if (ray.intersectObjects([...sceneRefs.objects.values()], true).length) return;
      start = { x: p.x, y: p.y, additive: e.shiftKey || e.ctrlKey || e.metaKey, id: e.pointerId };
    };
    const move = (e: PointerEvent) => {
      if (!start || e.pointerId !== start.id) return;
      // A gizmo handle took this drag.
      if (gizmoState.draggingUntil > performance.now()) {
        start = null;
        useMarquee.setState({ rect: null });
        return;
      }
      const p = local(e);
      const rect = rectFrom(start.x, start.y, p.x, p.y);
      if (!isDrag(rect) && !useMarquee.getState().rect) return;
      if (!el.hasPointerCapture(e.pointerId)) el.setPointerCapture(e.pointerId);
      useMarquee.setState({ rect });
    };
    const up = (e: PointerEvent) => {
      if (!start || e.pointerId !== start.id) return;
      const rect = useMarquee.getState().rect;
      const additive = start.additive;
      start = null;
      if (el.hasPointerCapture(e.pointerId)) el.releasePointerCapture(e.pointerId);
      if (!rect) return;
      useMarquee.setState({ rect: null });
      const p = local(e);
      const s = useWorldStore.getState();
      s.select(marqueeSelection(s.selection, idsInRect(rootPoints(p.w, p.h), rect), additive));
      // The click that ends the drag must not count as a click on empty space (which deselects).
      gizmoState.draggingUntil = performance.now() + 250;
      sceneRefs.invalidate();
    };
    el.addEventListener('pointerdown', down);
    el.addEventListener('pointermove', move);
    el.addEventListener('pointerup', up);
    el.addEventListener('pointercancel', up);
    return () => {
      el.removeEventListener('pointerdown', down);
      el.removeEventListener('pointermove', move);
      el.removeEventListener('pointerup', up);
      el.removeEventListener('pointercancel', up);
      useMarquee.setState({ rect: null });
    };
  }, [gl, camera]);
  return null;
}

/** The dragged rectangle over the canvas (a DOM overlay: no redraw of the scene while dragging). */
export function MarqueeRect() {
  const rect = useMarquee((s) => s.rect);
  if (!rect) return null;
  return <div className="world-marquee" data-testid="world-marquee" style={{ left: rect.x, top: rect.y, width: rect.w, height: rect.h }} />;
}
