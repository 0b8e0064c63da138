import { PARTY_LIMITS, PartyClientMessage } from '../../../../shared/schemas/video-party.js';

export type ParsedMessage = { ok: true; message: PartyClientMessage } | { ok: false; code: 'too_large' | 'not_json' | 'invalid_message'; message: string };

/** One raw WebSocket frame → a validated client message, or why it was refused. */
export function parseClientMessage(raw: Buffer | string, isBinary = false): ParsedMessage {
  if (isBinary) return { ok: false, code: 'invalid_message', message: 'Binary frames are not part of the party protocol' };
  const text = typeof raw === 'string' ? raw : raw.toString('utf8');
  if (Buffer.byteLength(text) > PARTY_LIMITS.maxMessageBytes) return { ok: false, code: 'too_large', message: `Messages are limited to ${PARTY_LIMITS.maxMessageBytes} bytes` };
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return { ok: false, code: 'not_json', message: 'Messages must be JSON' };
  }
  const r = PartyClientMessage.safeParse(json);
  if (!r.success) return { ok: false, code: 'invalid_message', message: r.error.issues[0]?.message ?? 'Not a party message' };
  return { ok: true, message: r.data };
}
