import { z } from 'zod';
import {
  API_PREFIX,
  ROUTES,
  buildPath,
  type RouteBody,
  type RouteId,
  type RouteParams,
  type RouteQuery,
  type RouteResponse,
  type RouteSpec,
} from '../../shared/routes.js';
import { ApiError } from '../../shared/schemas/common.js';
import { getConnection } from './auth.js';
import { ApiRequestError } from './errors.js';

/** params/body are required exactly when the route declares them. */
export type CallOptions<K extends RouteId> = (RouteParams<K> extends undefined
  ? { params?: undefined }
  : { params: RouteParams<K> }) &
  (RouteBody<K> extends undefined ? { body?: undefined } : { body: RouteBody<K> }) & {
    query?: RouteQuery<K>;
    headers?: Record<string, string>;
    signal?: AbortSignal;
  };

type CallArgs<K extends RouteId> = object extends CallOptions<K> ? [options?: CallOptions<K>] : [options: CallOptions<K>];

interface LooseOptions {
  params?: Record<string, string>;
  query?: Record<string, unknown>;
  body?: unknown;
  headers?: Record<string, string>;
  signal?: AbortSignal;
}

function queryString(query: Record<string, unknown> | undefined): string {
  if (!query) return '';
  const qs = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined || value === null) continue;
    qs.set(key, String(value));
  }
  const s = qs.toString();
  return s ? `?${s}` : '';
}

async function readJson(res: Response): Promise<unknown> {
  const text = await res.text();
  if (!text) return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}

function httpError(res: Response, payload: unknown, routeId: RouteId): ApiRequestError {
  const parsed = ApiError.safeParse(payload);
  if (parsed.success) {
    const { code, message, details } = parsed.data.error;
    return new ApiRequestError({ status: res.status, code, message, details, routeId });
  }
  const text = typeof payload === 'string' && payload.length < 300 ? payload : res.statusText;
  return new ApiRequestError({
    status: res.status,
    code: `http_${res.status}`,
    message: `${routeId} failed with HTTP ${res.status}${text ? `: ${text}` : ''}`,
    routeId,
  });
}

async function call<K extends RouteId>(routeId: K, ...args: CallArgs<K>): Promise<RouteResponse<K>> {
  const opts = (args[0] ?? {}) as LooseOptions;
  const route: RouteSpec = ROUTES[routeId];
  const { apiBase, token } = getConnection();
  const url = apiBase + API_PREFIX + buildPath(route.path, opts.params) + queryString(opts.query);

  const headers = new Headers(opts.headers);
  headers.set('Accept', 'application/json');
  if (token) headers.set('Authorization', `Bearer ${token}`);
  let body: string | undefined;
  if (opts.body !== undefined) {
    headers.set('Content-Type', 'application/json');
    body = JSON.stringify(opts.body);
  }

  let res: Response;
  try {
    res = await fetch(url, { method: route.method.toUpperCase(), headers, body, signal: opts.signal });
  } catch (err) {
    if (opts.signal?.aborted) throw err;
    throw new ApiRequestError({
      status: 0,
      code: 'network_error',
      message: `Could not reach the studio host at ${apiBase}. Is “auteur serve” (or the desktop app) still running?`,
      routeId,
    });
  }

  const payload = await readJson(res);
  if (!res.ok) throw httpError(res, payload, routeId);

  const parsed = route.response.safeParse(payload);
  if (!parsed.success) {
    throw new ApiRequestError({
      status: res.status,
      code: 'invalid_response',
      message: `The host's answer to ${routeId} does not match the API contract (host and renderer versions may differ):\n${z.prettifyError(parsed.error)}`,
      details: parsed.error.issues,
      routeId,
    });
  }
  return parsed.data as RouteResponse<K>;
}

export const api = { call };
