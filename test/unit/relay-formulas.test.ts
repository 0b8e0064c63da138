import { describe, expect, it } from 'vitest';
import { SIMILAR_DESIRE_THRESHOLD, cosine, heatScore, hotScore, splitTip } from '../../shared/relay/formulas.js';
import { embedText } from '../../relay/bounties/embedding.js';
import { sniff } from '../../relay/community/sniff.js';

describe('relay formulas', () => {
  it('hot score: Wilson lower bound decayed by age', () => {
    expect(hotScore(0, 0, 1)).toBe(0);
    // 10 up / 0 down, fresh: Wilson lower bound ≈ 0.7225 (z = 1.96).
    expect(hotScore(10, 0, 0)).toBeCloseTo(0.7225, 3);
    expect(hotScore(10, 0, 48)).toBeCloseTo(0.7225 / 2, 3);
    expect(hotScore(100, 10, 0)).toBeGreaterThan(hotScore(10, 1, 0));
    expect(hotScore(1, 9, 0)).toBeLessThan(hotScore(9, 1, 0));
  });

  it('heat: log(similar + 1) × 1 / (1 + age/24)', () => {
    expect(heatScore(0, 0)).toBe(0);
    expect(heatScore(2, 0)).toBeCloseTo(Math.log(3), 10);
    expect(heatScore(2, 24)).toBeCloseTo(Math.log(3) / 2, 10);
  });

  it('splits a tip 90/10, the platform fee rounded down to the cent', () => {
    expect(splitTip(1200)).toEqual({ feeCents: 120, netCents: 1080 });
    expect(splitTip(105)).toEqual({ feeCents: 10, netCents: 95 });
  });

  it('embeds near-identical wishes above the similarity threshold and unrelated ones below', () => {
    const a = embedText('a neon tunnel rushing forward fast');
    expect(a).toHaveLength(512);
    expect(cosine(a, embedText('neon tunnel rushing forward, fast'))).toBeGreaterThan(SIMILAR_DESIRE_THRESHOLD);
    expect(cosine(a, embedText('a calm watercolour forest at dawn'))).toBeLessThan(0.3);
    expect(cosine(embedText(''), a)).toBe(0);
  });

  it('sniffs uploads by their bytes, never by their name', () => {
    expect(sniff(Buffer.from('89504e470d0a1a0a0000', 'hex'))).toBe('image/png');
    expect(sniff(Buffer.from('ffd8ffe000104a464946', 'hex'))).toBe('image/jpeg');
    expect(sniff(Buffer.from('000000206674797069736f6d', 'hex'))).toBe('video/mp4');
    expect(sniff(Buffer.from('<svg onload=alert(1)>'))).toBeNull();
    expect(sniff(Buffer.from('<html><body>'))).toBeNull();
  });
});
