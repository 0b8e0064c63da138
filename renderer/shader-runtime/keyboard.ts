/** Key events → KeyboardState for an on-screen canvas, while it has focus. */
import type { KeyboardState } from './keyboard-state.js';

/** Keys left to the page even while the canvas has focus: moving focus away, function keys and browser/OS shortcuts. */
function leaveToPage(ev: KeyboardEvent): boolean {
  return ev.key === 'Tab' || ev.key === 'Escape' || /^F\d{1,2}$/.test(ev.key) || ev.ctrlKey || ev.metaKey || ev.altKey;
}

/**
 * Makes `canvas` focusable (click or Tab) and feeds its key events to `keys` by key code, as
 * Shadertoy does. Keys the shader may use do not scroll the page while the canvas has focus.
 * Returns the function that unwires it.
 */
export function attachKeyboard(canvas: HTMLCanvasElement, keys: KeyboardState): () => void {
  const hadTabIndex = canvas.hasAttribute('tabindex');
  if (!hadTabIndex) canvas.tabIndex = 0;
  const down = (ev: KeyboardEvent): void => {
    if (leaveToPage(ev)) return;
    ev.preventDefault();
    keys.press(ev.keyCode);
  };
  const up = (ev: KeyboardEvent): void => {
    keys.release(ev.keyCode);
  };
  const blur = (): void => keys.releaseAll();
  const focus = (): void => canvas.focus({ preventScroll: true });
  canvas.addEventListener('keydown', down);
  canvas.addEventListener('keyup', up);
  canvas.addEventListener('blur', blur);
  canvas.addEventListener('pointerdown', focus);
  return () => {
    canvas.removeEventListener('keydown', down);
    canvas.removeEventListener('keyup', up);
    canvas.removeEventListener('blur', blur);
    canvas.removeEventListener('pointerdown', focus);
    if (!hadTabIndex) canvas.removeAttribute('tabindex');
    keys.releaseAll();
  };
}
