import { ProviderError } from '../types.js';
import type { Deadline } from './deadline.js';
import type { LlmProviderId } from './types.js';

/** What an error message needs to name: who, where, and how to fix it. */
export interface ErrorContext {
  provider: LlmProviderId;
  label: string;
  url: string;
  /** The model the call used; absent for calls about the server itself (a 404 then means a wrong URL). */
  model?: string;
  fix: {
    unreachable: string;
    auth: string;
    model: string;
  };
  /** Values that must never appear in a message (API keys). */
  secrets?: (string | null | undefined)[];
  deadline?: Deadline;
}

type Kind = ProviderError['kind'];

const UNREACHABLE_CODES = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH', 'EADDRNOTAVAIL', 'ERR_INVALID_URL']);

export function redact(text: string, secrets: ErrorContext['secrets']): string {
  let out = text;
  for (const s of secrets ?? []) if (s && s.length >= 4) out = out.split(s).join('[redacted]');
  // Keys in a shape we know, even when the caller did not list them (a server echoing a header).
  return out.replace(/\bsk-[A-Za-z0-9_-]{6,}/g, '[redacted]');
}

export function providerError(ctx: ErrorContext, kind: Kind, message: string): ProviderError {
  return new ProviderError(ctx.provider, redact(message, ctx.secrets), kind);
}

/** The error and its causes, outermost first (SDKs wrap fetch errors, fetch wraps socket errors). */
function chain(err: unknown): Array<{ name?: string; message?: string; code?: string }> {
  const out: Array<{ name?: string; message?: string; code?: string }> = [];
  let cur: unknown = err;
  for (let i = 0; i < 6 && cur && typeof cur === 'object'; i++) {
    const e = cur as { name?: unknown; message?: unknown; code?: unknown; cause?: unknown };
    out.push({
      name: typeof e.name === 'string' ? e.name : undefined,
      message: typeof e.message === 'string' ? e.message : undefined,
      code: typeof e.code === 'string' ? e.code : undefined,
    });
    cur = e.cause;
  }
  return out;
}

function httpStatus(err: unknown): number | undefined {
  const e = err as { status?: unknown; status_code?: unknown } | null;
  if (typeof e?.status === 'number') return e.status;
  if (typeof e?.status_code === 'number') return e.status_code;
  return undefined;
}

/** The server's own words, from the error body shapes of Ollama, OpenAI and Anthropic. */
export function serverMessage(err: unknown): string {
  const e = err as { error?: unknown; message?: unknown } | null;
  const body = e?.error as { message?: unknown; error?: { message?: unknown } } | string | undefined;
  let msg: unknown = typeof body === 'string' ? body : body?.message ?? body?.error?.message ?? e?.message;
  if (typeof msg !== 'string' || !msg) msg = String(err);
  const s = (msg as string).replace(/\s+/g, ' ').trim();
  return s.length > 300 ? `${s.slice(0, 300)}…` : s;
}

/** Maps any failure of an HTTP call to a ProviderError with the right kind and a fix. */
export function toProviderError(err: unknown, ctx: ErrorContext): ProviderError {
  if (err instanceof ProviderError) return new ProviderError(err.provider, redact(err.message, ctx.secrets), err.kind);
  const at = `${ctx.label} at ${ctx.url}`;
  const links = chain(err);
  const names = links.map((l) => l.name ?? '');
  const codes = links.map((l) => l.code ?? '');
  const messages = links.map((l) => l.message ?? '');

  if (ctx.deadline?.cancelled()) return providerError(ctx, 'cancelled', `${ctx.label} request cancelled`);
  if (ctx.deadline?.timedOut() || names.includes('TimeoutError') || names.includes('APIConnectionTimeoutError')) {
    const secs = ctx.deadline ? ` within ${Math.round(ctx.deadline.ms / 100) / 10} s` : '';
    return providerError(ctx, 'timeout', `${at} did not finish${secs} — the model may still be loading or the server is overloaded; try again or raise the timeout`);
  }
  if (names.includes('AbortError') || names.includes('APIUserAbortError')) return providerError(ctx, 'cancelled', `${ctx.label} request cancelled`);

  const status = httpStatus(err);
  if (status !== undefined) {
    // The body of a 401 can echo part of the key (OpenAI does): never quote it.
    if (status === 401 || status === 403) return providerError(ctx, 'auth', `${at} rejected the credentials (HTTP ${status}) — ${ctx.fix.auth}`);
    if (status === 404) {
      if (ctx.model) return providerError(ctx, 'missing_model', `${at} has no model '${ctx.model}' (HTTP 404: ${serverMessage(err)}) — ${ctx.fix.model}`);
      return providerError(ctx, 'unreachable', `${at} answered HTTP 404 (${serverMessage(err)}) — is this the right URL? Check it in Settings → Providers`);
    }
    if (status === 429) return providerError(ctx, 'server_error', `${at} is rate limiting requests (HTTP 429): ${serverMessage(err)} — wait and try again, or check the account's limits`);
    if (status >= 500) return providerError(ctx, 'server_error', `${at} failed (HTTP ${status}): ${serverMessage(err)} — check the server's log and try again`);
    return providerError(ctx, 'bad_response', `${at} refused the request (HTTP ${status}): ${serverMessage(err)}`);
  }

  const unreachable = codes.find((c) => UNREACHABLE_CODES.has(c));
  if (unreachable || messages.includes('Invalid URL')) {
    return providerError(ctx, 'unreachable', `${ctx.label} is not reachable at ${ctx.url} (${unreachable ?? 'invalid URL'}) — ${ctx.fix.unreachable}`);
  }
  if (messages.includes('terminated') || codes.includes('UND_ERR_SOCKET') || codes.includes('ECONNRESET')) {
    return providerError(ctx, 'server_error', `${at} closed the connection before the answer was complete — the server may have crashed or restarted; try again`);
  }
  if (names.includes('SyntaxError') || messages.some((m) => /JSON/.test(m) && /parse|Unexpected/i.test(m))) {
    return providerError(ctx, 'bad_response', `${at} sent a malformed JSON body (${serverMessage(err)}) — is this URL really the ${ctx.label} API?`);
  }
  if (messages.some((m) => /fetch failed|Connection error/i.test(m))) {
    return providerError(ctx, 'unreachable', `${ctx.label} is not reachable at ${ctx.url} — ${ctx.fix.unreachable}`);
  }
  return providerError(ctx, 'server_error', `${at} failed: ${serverMessage(err)}`);
}

/** Raised by a client when a stream ended without its documented final event. */
export function streamCut(ctx: ErrorContext): ProviderError {
  return providerError(ctx, 'server_error', `${ctx.label} at ${ctx.url} ended the stream before the answer was complete — the server may have crashed or restarted; try again`);
}
