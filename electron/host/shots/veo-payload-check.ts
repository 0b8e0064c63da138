import { z } from 'zod';
import { VeoPayload } from '../../../shared/shots/veo.js';
import type { PayloadCheck } from './shot-service.js';

/** A user-edited payload must be a valid stored Veo 3.1 request (shared/shots/veo.ts); it is saved as parsed (defaults, ASSET casing). */
export const checkVeoPayload: PayloadCheck = (payload) => {
  const r = VeoPayload.safeParse(payload);
  return r.success ? { ok: true, value: r.data as Record<string, unknown> } : { ok: false, problem: z.prettifyError(r.error) };
};
