import { API_PREFIX } from '../../shared/routes.js';
import { ServerEvent } from '../../shared/events.js';
import type { EventsState } from './eventsStore.js';

export interface EventStreamOptions {
  url: string;
  onEvent(event: ServerEvent): void;
  onState(state: EventsState): void;
  /** Called on every successful open; `reconnected` is true after a drop (events may have been missed). */
  onOpen?(reconnected: boolean): void;
}

export function eventsUrl(apiBase: string, token: string): string {
  const url = new URL(`${API_PREFIX}/events`, apiBase);
  url.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:';
  url.searchParams.set('token', token);
  return url.toString();
}

/** 0.5 s, 1 s, 2 s … capped at 15 s, with ±20 % jitter so many tabs do not reconnect in lockstep. */
export function backoffDelay(attempt: number): number {
  const base = Math.min(15_000, 500 * 2 ** attempt);
  return Math.round(base * (0.8 + Math.random() * 0.4));
}

/** Keeps one WebSocket open to the host, reconnecting with backoff. Returns a disposer. */
export function connectEvents(opts: EventStreamOptions): () => void {
  let socket: WebSocket | null = null;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let attempt = 0;
  let stopped = false;
  let everOpened = false;

  const schedule = (): void => {
    if (stopped) return;
    timer = setTimeout(open, backoffDelay(attempt++));
  };

  function open(): void {
    if (stopped) return;
    timer = undefined;
    opts.onState('connecting');
    let ws: WebSocket;
    try {
      ws = new WebSocket(opts.url);
    } catch {
      opts.onState('closed');
      schedule();
      return;
    }
    socket = ws;
    ws.onopen = () => {
      if (socket !== ws) return;
      opts.onState('open');
      opts.onOpen?.(everOpened);
      everOpened = true;
    };
    ws.onmessage = (msg: MessageEvent) => {
      if (socket !== ws || typeof msg.data !== 'string') return;
      // Only a socket that actually delivers resets the backoff (an accept-then-close loop must not spin).
      attempt = 0;
      let raw: unknown;
      try {
        raw = JSON.parse(msg.data);
      } catch {
        console.warn('[events] dropped a message that is not JSON');
        return;
      }
      const parsed = ServerEvent.safeParse(raw);
      if (!parsed.success) {
        console.warn('[events] dropped a message outside the ServerEvent contract', parsed.error.issues);
        return;
      }
      opts.onEvent(parsed.data);
    };
    ws.onclose = () => {
      if (socket !== ws) return;
      socket = null;
      opts.onState('closed');
      schedule();
    };
  }

  // Coming back online: do not sit out the remaining backoff.
  const onOnline = (): void => {
    if (stopped || socket || timer === undefined) return;
    clearTimeout(timer);
    attempt = 0;
    open();
  };
  window.addEventListener('online', onOnline);
  open();

  return () => {
    stopped = true;
    window.removeEventListener('online', onOnline);
    if (timer !== undefined) clearTimeout(timer);
    const ws = socket;
    socket = null;
    ws?.close(1000, 'renderer closing');
  };
}
