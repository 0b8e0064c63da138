import { z } from 'zod';

/** ISO-8601 timestamp as sent over the wire; the database stores epoch milliseconds. */
export const IsoDate = z.iso.datetime({ offset: true }).describe('ISO-8601 timestamp');
export const Id = z.string().min(1).max(64).describe('Opaque identifier');

/** Every non-2xx JSON response of the API has this shape. */
export const ApiError = z.object({
  error: z.object({
    code: z.string().describe('Stable machine-readable code, e.g. unauthorized, not_found, validation_failed'),
    message: z.string().describe('Human-readable explanation of what went wrong and how to fix it'),
    details: z.unknown().optional(),
  }),
});
export type ApiError = z.infer<typeof ApiError>;

export const Ok = z.object({ ok: z.literal(true) });
