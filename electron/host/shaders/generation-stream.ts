import type { ServerEvent } from '../../../shared/events.js';
import type { GenerationStream } from '../../../shared/routes/shader-discovery.js';
import type { EventBus } from '../events/event-bus.js';

/** Jobs whose streamed text is kept for late viewers (oldest dropped first). */
const MAX_JOBS = 32;
/** Per channel: an LLM reply of 4096 tokens is ~16 KB; anything past this is cut, and says so. */
const MAX_CHANNEL_CHARS = 64 * 1024;

type StreamEvent = Extract<ServerEvent, { type: 'job.stream' }>;

/**
 * The text generation jobs streamed so far (job.stream events), in memory, so a Generate view
 * opened mid-generation, or one that missed chunks, can catch up (GET /generate/stream/:job_id).
 * Not persisted: the job's result keeps the code that matters; replies of a past host are gone.
 */
export class GenerationStreams {
  private readonly jobs = new Map<string, Map<string, { text: string; truncated: boolean }>>();

  constructor(bus: Pick<EventBus, 'subscribe'>) {
    bus.subscribe((ev) => {
      if (ev.type === 'job.stream') this.add(ev);
    });
  }

  private add(ev: StreamEvent): void {
    let channels = this.jobs.get(ev.jobId);
    if (!channels) {
      channels = new Map();
      this.jobs.set(ev.jobId, channels);
      if (this.jobs.size > MAX_JOBS) this.jobs.delete(this.jobs.keys().next().value as string);
    }
    const c = channels.get(ev.channel) ?? { text: '', truncated: false };
    // Chunks of one channel arrive in order from one worker; an overlap (a resend) is skipped.
    if (ev.offset + ev.text.length <= c.text.length) return;
    const fresh = ev.text.slice(Math.max(0, c.text.length - ev.offset));
    if (c.text.length + fresh.length > MAX_CHANNEL_CHARS) {
      c.text += fresh.slice(0, Math.max(0, MAX_CHANNEL_CHARS - c.text.length));
      c.truncated = true;
    } else c.text += fresh;
    channels.set(ev.channel, c);
  }

  get(jobId: string): GenerationStream {
    const channels = this.jobs.get(jobId);
    return {
      jobId,
      channels: channels ? [...channels.entries()].map(([channel, c]) => ({ channel, text: c.text, truncated: c.truncated })) : [],
    };
  }
}

const byBus = new WeakMap<object, GenerationStreams>();

/** One buffer per core's event bus, made on first use (the hooks register it at start). */
export function generationStreams(bus: Pick<EventBus, 'subscribe'>): GenerationStreams {
  let s = byBus.get(bus);
  if (!s) byBus.set(bus, (s = new GenerationStreams(bus)));
  return s;
}
