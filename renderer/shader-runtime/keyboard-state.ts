/**
 * Shadertoy's keyboard input: a 256×3 single-channel texture indexed by JavaScript key code.
 * Row 0 is 255 while the key is held, row 1 is 255 on the first frame after it went down,
 * row 2 flips between 0 and 255 on every press. Nothing held means all zeros, which is what
 * headless renders see. Pure state; keyboard.ts wires DOM events to it.
 */

export const KEYBOARD_WIDTH = 256;
export const KEYBOARD_ROWS = 3;

export class KeyboardState {
  /** Row-major, row 0 first: the bytes uploaded as the texture (row 0 at v = 0). */
  readonly bytes = new Uint8Array(KEYBOARD_WIDTH * KEYBOARD_ROWS);
  /** Bumped on every change so the engine re-uploads only when something moved. */
  version = 0;

  press(code: number): void {
    if (!Number.isInteger(code) || code < 0 || code >= KEYBOARD_WIDTH) return;
    if (this.bytes[code] === 255) return; // auto-repeat: still the same press
    this.bytes[code] = 255;
    this.bytes[KEYBOARD_WIDTH + code] = 255;
    const toggle = 2 * KEYBOARD_WIDTH + code;
    this.bytes[toggle] = this.bytes[toggle]! ^ 255;
    this.version++;
  }

  release(code: number): void {
    if (!Number.isInteger(code) || code < 0 || code >= KEYBOARD_WIDTH) return;
    if (this.bytes[code] === 0 && this.bytes[KEYBOARD_WIDTH + code] === 0) return;
    this.bytes[code] = 0;
    this.bytes[KEYBOARD_WIDTH + code] = 0;
    this.version++;
  }

  /** Lets go of every held key (focus left the canvas); toggles stay. */
  releaseAll(): void {
    if (!this.bytes.subarray(0, 2 * KEYBOARD_WIDTH).some((b) => b !== 0)) return;
    this.bytes.fill(0, 0, 2 * KEYBOARD_WIDTH);
    this.version++;
  }

  /** After a frame is drawn: "pressed this frame" lasts one frame. */
  endFrame(): void {
    const pressed = this.bytes.subarray(KEYBOARD_WIDTH, 2 * KEYBOARD_WIDTH);
    if (!pressed.some((b) => b !== 0)) return;
    pressed.fill(0);
    this.version++;
  }

  reset(): void {
    this.bytes.fill(0);
    this.version++;
  }
}
