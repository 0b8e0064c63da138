import { driftCorrection } from '../../../../shared/video/party/party-sync.js';
import type { PartyClient } from './party-client.js';

/**
 * Keeps a <video> on the party's timeline: play/pause as the party does, small drift fixed by
 * playbackRate (±5 %), large drift by seeking. Returns the stop function and reports drift.
 */
export function followPlayback(video: HTMLVideoElement, party: PartyClient, onDrift?: (seconds: number) => void): () => void {
  const tick = () => {
    const pb = party.playback;
    const target = party.position();
    if (!pb || target === null || video.readyState < 1) return;
    const end = Number.isFinite(video.duration) ? video.duration : Number.POSITIVE_INFINITY;
    const want = Math.min(target, Math.max(0, end - 0.05));
    if (pb.state === 'paused') {
      if (!video.paused) video.pause();
      video.playbackRate = 1;
      if (Math.abs(video.currentTime - want) > 0.05) video.currentTime = want;
    } else {
      if (video.paused && want < end - 0.1) void video.play().catch(() => undefined);
      const c = driftCorrection(video.currentTime, want);
      if (c.kind === 'seek') video.currentTime = c.to;
      else video.playbackRate = c.rate;
    }
    onDrift?.(video.currentTime - want);
  };
  const timer = setInterval(tick, 200);
  return () => clearInterval(timer);
}
