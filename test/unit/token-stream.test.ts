import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { STREAM_FLUSH_MS, STREAM_MAX_CHUNK, TokenStream } from '../../worker/generate/shader/token-stream.js';

describe('TokenStream batches LLM tokens for the event stream', () => {
  beforeEach(() => void vi.useFakeTimers());
  afterEach(() => void vi.useRealTimers());

  it('sends the tokens of one interval as one chunk with the offset of its first character', () => {
    const sent: Array<[string, number, string]> = [];
    const s = new TokenStream((c, o, t) => sent.push([c, o, t]), 'attempt-1');
    for (const t of ['void ', 'main', 'Image', '(']) s.push(t);
    expect(sent).toEqual([]);
    vi.advanceTimersByTime(STREAM_FLUSH_MS);
    expect(sent).toEqual([['attempt-1', 0, 'void mainImage(']]);
    s.push('out ');
    s.push('vec4');
    vi.advanceTimersByTime(STREAM_FLUSH_MS - 1);
    expect(sent).toHaveLength(1);
    vi.advanceTimersByTime(1);
    expect(sent[1]).toEqual(['attempt-1', 15, 'out vec4']);
    expect(s.length).toBe(23);
  });

  it('flush sends what is pending at once (end of the reply), and nothing when empty', () => {
    const sent: string[] = [];
    const s = new TokenStream((_c, _o, t) => sent.push(t), 'attempt-2');
    s.push('abc');
    s.flush();
    s.flush();
    vi.advanceTimersByTime(STREAM_FLUSH_MS * 3);
    expect(sent).toEqual(['abc']);
  });

  it('a burst larger than a chunk goes out early instead of one giant event', () => {
    const sent: Array<[number, number]> = [];
    const s = new TokenStream((_c, o, t) => sent.push([o, t.length]), 'attempt-1');
    for (let i = 0; i < 3 * STREAM_MAX_CHUNK; i += 16) s.push('x'.repeat(16));
    expect(sent).toEqual([
      [0, STREAM_MAX_CHUNK],
      [STREAM_MAX_CHUNK, STREAM_MAX_CHUNK],
      [2 * STREAM_MAX_CHUNK, STREAM_MAX_CHUNK],
    ]);
  });
});
