import type { Room } from 'colyseus.js';
import { waitFor } from './host-process.js';

/** A room message as a test keeps it (payloads are the protocol's, checked by the assertions). */
export type Msg = { type: string; payload: any };

/** Every message the room sends this client, in order. */
export function track(room: Room): Msg[] {
  const got: Msg[] = [];
  room.onMessage('*', (type, payload) => got.push({ type: String(type), payload }));
  return got;
}

/** The payload of the first message of `type` matching `pred`, waiting for it to arrive. */
export const nextMessage = (got: Msg[], type: string, pred: (p: any) => boolean = () => true, ms = 15_000) =>
  waitFor(async () => got.find((m) => m.type === type && pred(m.payload))?.payload, `message ${type}`, ms, 25);
