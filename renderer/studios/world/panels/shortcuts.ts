import { useEffect } from 'react';
import { isTypingTarget } from '../scene/keys.js';
import { enterPlay, exitPlay, frameSelection } from '../scene/mode.js';
import { useWorldStore } from '../store/world-store.js';
import { deleteSelection, duplicateSelection } from './actions.js';

/**
 * Editor keys: Ctrl+Z / Ctrl+Shift+Z (or Ctrl+Y) undo/redo, Delete, Ctrl+D duplicate, T / R / Y
 * move / rotate / scale, B sculpt, F frame the selection, Esc deselect, P play ↔ build. Typing in a field is left alone.
 */
export function useShortcuts(): void {
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (isTypingTarget(e.target)) return;
      const s = useWorldStore.getState();
      const mod = e.ctrlKey || e.metaKey;
      if (e.code === 'KeyP' && !mod) {
        if (s.mode === 'build') enterPlay();
        else exitPlay();
        return;
      }
      if (s.mode !== 'build') return;
      if (mod && e.code === 'KeyZ') {
        e.preventDefault();
        if (e.shiftKey) s.redo();
        else s.undo();
      } else if (mod && e.code === 'KeyY') {
        e.preventDefault();
        s.redo();
      } else if (mod && e.code === 'KeyD') {
        e.preventDefault();
        duplicateSelection();
      } else if (e.code === 'Delete' || e.code === 'Backspace') {
        deleteSelection();
      } else if (!mod && e.code === 'KeyT') s.setTool('translate');
      else if (!mod && e.code === 'KeyR') s.setTool('rotate');
      else if (!mod && e.code === 'KeyY') s.setTool('scale');
      else if (!mod && e.code === 'KeyB') s.setTool('sculpt');
      else if (!mod && e.code === 'KeyF') frameSelection();
      else if (e.code === 'Escape') s.select([]);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
}
