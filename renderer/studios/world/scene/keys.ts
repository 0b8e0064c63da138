/** Which keys are held, ignoring typing in form fields (the prompt box must not fly the camera). */
const held = new Set<string>();

function typing(target: EventTarget | null): boolean {
  const el = target as HTMLElement | null;
  return !!el && (el.tagName === 'INPUT' || el.tagName === 'TEXTAREA' || el.tagName === 'SELECT' || el.isContentEditable);
}

export function trackKeys(): () => void {
  const down = (e: KeyboardEvent) => {
    if (!typing(e.target)) held.add(e.code);
  };
  const up = (e: KeyboardEvent) => held.delete(e.code);
  const blur = () => held.clear();
  window.addEventListener('keydown', down);
  window.addEventListener('keyup', up);
  window.addEventListener('blur', blur);
  return () => {
    window.removeEventListener('keydown', down);
    window.removeEventListener('keyup', up);
    window.removeEventListener('blur', blur);
    held.clear();
  };
}

export const isHeld = (code: string): boolean => held.has(code);
export const anyHeld = (codes: readonly string[]): boolean => codes.some((c) => held.has(c));
export { typing as isTypingTarget };
