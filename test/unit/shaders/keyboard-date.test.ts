import { describe, expect, it } from 'vitest';
import { shadertoyDate } from '../../../renderer/shader-runtime/clock.js';
import { KEYBOARD_WIDTH, KeyboardState } from '../../../renderer/shader-runtime/keyboard-state.js';
import { flippedRows, textureData } from '../../../renderer/shader-runtime/texture-data.js';

const row = (k: KeyboardState, r: number, code: number): number => k.bytes[r * KEYBOARD_WIDTH + code]!;

describe('KeyboardState (Shadertoy keyboard texture: 256×3, row 0 held, row 1 pressed this frame, row 2 toggled)', () => {
  it('starts all zero: what a render sees', () => {
    const k = new KeyboardState();
    expect(k.bytes.length).toBe(256 * 3);
    expect(k.bytes.every((b) => b === 0)).toBe(true);
  });

  it('a press sets held, pressed and toggles; pressed lasts one frame; release clears held', () => {
    const k = new KeyboardState();
    k.press(32);
    expect([row(k, 0, 32), row(k, 1, 32), row(k, 2, 32)]).toEqual([255, 255, 255]);
    k.endFrame();
    expect([row(k, 0, 32), row(k, 1, 32), row(k, 2, 32)]).toEqual([255, 0, 255]);
    k.press(32); // auto-repeat while held: not a new press
    expect([row(k, 1, 32), row(k, 2, 32)]).toEqual([0, 255]);
    k.release(32);
    expect([row(k, 0, 32), row(k, 2, 32)]).toEqual([0, 255]);
    k.press(32);
    expect(row(k, 2, 32)).toBe(0); // second press toggles back
    expect(row(k, 0, 82)).toBe(0); // other keys untouched
  });

  it('losing focus lets go of held keys but keeps toggles; out-of-range codes are ignored', () => {
    const k = new KeyboardState();
    k.press(37);
    k.press(300);
    k.press(-1);
    const v = k.version;
    k.releaseAll();
    expect(k.version).toBeGreaterThan(v);
    expect([row(k, 0, 37), row(k, 1, 37), row(k, 2, 37)]).toEqual([0, 0, 255]);
    k.reset();
    expect(k.bytes.every((b) => b === 0)).toBe(true);
  });

  it('version changes only when bytes change (the engine re-uploads on change only)', () => {
    const k = new KeyboardState();
    const v0 = k.version;
    k.endFrame();
    k.release(10);
    k.releaseAll();
    expect(k.version).toBe(v0);
    k.press(10);
    expect(k.version).toBe(v0 + 1);
  });
});

describe('iDate (Shadertoy: year, month 0-based, day, seconds since midnight)', () => {
  it('local time, month 0-based like Shadertoy', () => {
    const d = new Date(2026, 11, 6, 13, 30, 15, 500);
    expect(shadertoyDate(d, 'local')).toEqual([2026, 11, 6, 13 * 3600 + 30 * 60 + 15.5]);
  });
  it('UTC for a fixed base', () => {
    expect(shadertoyDate(new Date(Date.UTC(2024, 1, 29, 23, 59, 59)), 'utc')).toEqual([2024, 1, 29, 86399]);
  });
});

describe('vflip: false uploads the texture upside down', () => {
  it('row y of the flipped copy is row h-1-y of the original', () => {
    const data = textureData('noise-rgba-64');
    const flipped = flippedRows(data);
    const w = data.width * 4;
    expect(Buffer.compare(Buffer.from(flipped.subarray(0, w)), Buffer.from(data.pixels.subarray(63 * w, 64 * w)))).toBe(0);
    expect(Buffer.compare(Buffer.from(flippedRows({ ...data, pixels: flipped })), Buffer.from(data.pixels))).toBe(0);
  });
});
