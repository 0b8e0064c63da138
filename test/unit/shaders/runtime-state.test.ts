import { describe, expect, it } from 'vitest';
import { PlaybackClock } from '../../../renderer/shader-runtime/clock.js';
import { MouseState } from '../../../renderer/shader-runtime/mouse-state.js';

describe('MouseState (Shadertoy iMouse semantics)', () => {
  it('is zero before any click', () => {
    expect(new MouseState().uniform().map(Math.abs)).toEqual([0, 0, 0, 0]);
  });
  it('xy follows the pointer while pressed; z>0 while down; w>0 only on the click frame', () => {
    const m = new MouseState();
    m.press(10, 20);
    expect(m.uniform()).toEqual([10, 20, 10, 20]);
    m.move(30, 40);
    expect(m.uniform()).toEqual([30, 40, 10, -20]);
    m.release();
    m.move(99, 99); // not dragging: ignored
    expect(m.uniform()).toEqual([30, 40, -10, -20]);
  });
});

describe('PlaybackClock', () => {
  it('plays, pauses and scrubs against its time source', () => {
    let now = 1000;
    const c = new PlaybackClock(() => now);
    expect(c.time()).toBe(0);
    c.play();
    now += 1500;
    expect(c.time()).toBeCloseTo(1.5);
    c.pause();
    now += 5000;
    expect(c.time()).toBeCloseTo(1.5);
    c.setTime(10);
    expect(c.time()).toBe(10);
    c.play();
    now += 250;
    expect(c.time()).toBeCloseTo(10.25);
    c.setTime(-3);
    expect(c.time()).toBe(0);
  });
});
