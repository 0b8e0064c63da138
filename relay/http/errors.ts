import type { NextFunction, Request, Response } from 'express';
import type { z } from 'zod';

/** A failure the API reports as `{error:{code,message,details?}}` with this status. */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
  }
}

export function sendError(res: Response, status: number, code: string, message: string, details?: unknown): void {
  res.status(status).json({ error: { code, message, ...(details === undefined ? {} : { details }) } });
}

/** Validates input against a shared zod schema; a mismatch is a 400 that names each bad field. */
export function parse<S extends z.ZodType>(schema: S, value: unknown, what = 'request body'): z.infer<S> {
  const r = schema.safeParse(value);
  if (r.success) return r.data;
  const issues = r.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message }));
  throw new HttpError(400, 'validation_failed', `Invalid ${what}: ${issues.map((i) => `${i.path || '(root)'} ${i.message}`).join('; ')}`, issues);
}

/** Last middleware: HttpErrors as themselves, body-parser errors as 400/413, anything else as 500. */
export function errorHandler(log: (line: string) => void) {
  return (err: unknown, _req: Request, res: Response, _next: NextFunction) => {
    if (res.headersSent) return;
    if (err instanceof HttpError) return sendError(res, err.status, err.code, err.message, err.details);
    const e = err as { type?: string; status?: number; message?: string };
    if (e?.type === 'entity.too.large') return sendError(res, 413, 'payload_too_large', 'The request body is larger than this route accepts');
    if (e?.type === 'entity.parse.failed') return sendError(res, 400, 'invalid_json', 'The request body is not valid JSON');
    log(`error: ${(err as Error)?.stack ?? String(err)}`);
    sendError(res, 500, 'internal', 'The relay failed to handle this request; it has been logged');
  };
}

/** Postgres unique-violation (same code on PGlite and node-postgres). */
export function isUniqueViolation(err: unknown): boolean {
  let e = err as { code?: string; cause?: unknown } | undefined;
  for (let i = 0; e && i < 4; i++, e = e.cause as typeof e) if (e.code === '23505') return true;
  return false;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** A route's `:id` as a UUID; anything else cannot exist, so it is a 404 (never a database error). */
export function uuidParam(value: unknown, what = 'item'): string {
  const s = String(value ?? '');
  if (!UUID.test(s)) throw new HttpError(404, 'not_found', `No such ${what}`);
  return s.toLowerCase();
}
