import type { RouteId } from '../../shared/routes.js';

/** Any failed API call: HTTP errors (from the ApiError body), network failures and contract mismatches. */
export class ApiRequestError extends Error {
  override readonly name = 'ApiRequestError';
  /** HTTP status; 0 when the host could not be reached. */
  readonly status: number;
  readonly code: string;
  readonly details: unknown;
  readonly routeId: RouteId | null;

  constructor(init: { status: number; code: string; message: string; details?: unknown; routeId?: RouteId }) {
    super(init.message);
    this.status = init.status;
    this.code = init.code;
    this.details = init.details;
    this.routeId = init.routeId ?? null;
  }
}

export function isUnauthorized(err: unknown): boolean {
  return err instanceof ApiRequestError && err.status === 401;
}

export function errorMessage(err: unknown): string {
  if (err instanceof Error) return err.message;
  if (typeof err === 'string') return err;
  return 'Something went wrong.';
}
