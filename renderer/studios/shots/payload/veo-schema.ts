import { z } from 'zod';
import { VeoPayload } from '../../../../shared/shots/veo.js';

/**
 * The JSON schema Monaco validates payloads against, generated from the same zod schema the
 * host checks saved payloads with (shared/shots/veo.ts), so the editor's markers and the host's
 * verdict agree. Draft-07 because Monaco's JSON service reads it fully; built once, on first use.
 */
let cached: object | null | undefined;

function build(): object | null {
  try {
    return z.toJSONSchema(VeoPayload, { target: 'draft-7', io: 'input', unrepresentable: 'any' }) as object;
  } catch (err) {
    console.warn('[shots] the Veo payload schema could not be turned into a JSON schema; the editor checks JSON syntax only', err);
    return null;
  }
}

export function useVeoSchema(): object | null {
  if (cached === undefined) cached = build();
  return cached;
}
