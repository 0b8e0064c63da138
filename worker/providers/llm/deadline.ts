/**
 * One signal per call that fires on cancel (the caller's signal) or on timeout, remembering
 * which of the two it was so the error can say "cancelled" or "timed out" truthfully. Every SDK
 * gets this signal, so both reach the HTTP request (and close the connection mid-stream).
 */
export interface Deadline {
  signal: AbortSignal;
  ms: number;
  timedOut(): boolean;
  cancelled(): boolean;
}

export function deadline(parent: AbortSignal | undefined, ms: number): Deadline {
  const timer = AbortSignal.timeout(ms);
  const signal = parent ? AbortSignal.any([parent, timer]) : timer;
  return {
    signal,
    ms,
    cancelled: () => parent?.aborted === true,
    timedOut: () => timer.aborted && parent?.aborted !== true,
  };
}

/** A fetch that adds `signal` to every request (the ollama client does not pass one for most calls). */
export function fetchWithSignal(signal: AbortSignal): typeof fetch {
  return (input, init) => fetch(input, { ...init, signal: init?.signal ? AbortSignal.any([init.signal, signal]) : signal });
}
