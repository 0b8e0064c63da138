import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';
import { PARTY_LIMITS, type PartyServerMessage } from '../../../../shared/schemas/video-party.js';
import { AppError } from '../../errors.js';
import type { Logger } from '../../logger.js';
import { parseClientMessage } from './party-messages.js';
import type { PartyService } from './party-service.js';
import { Misbehaviour, TokenBucket } from './rate-limit.js';

const HELLO_TIMEOUT_MS = 10_000;
/** A client that stops reading is dropped once this much is queued for it. */
const MAX_BUFFERED = 256 * 1024;

/**
 * The party WebSocket, shared by the studio (main host) and guests (LAN listener): hello → member,
 * then validated messages. Malformed frames and floods are refused and counted; past the limits
 * the socket is dropped (close 1008).
 */
export class PartyHub {
  // maxPayload a little over the protocol limit: bigger frames close the socket at the ws layer (1009).
  private readonly wss = new WebSocketServer({ noServer: true, maxPayload: PARTY_LIMITS.maxMessageBytes * 2, perMessageDeflate: false });

  constructor(
    private readonly parties: PartyService,
    private readonly logger: Logger,
  ) {}

  accept(req: IncomingMessage, socket: Duplex, head: Buffer, partyId: string, via: 'studio' | 'lan'): void {
    this.wss.handleUpgrade(req, socket, head, (ws) => this.serve(ws, partyId, via));
  }

  private serve(ws: WebSocket, partyId: string, via: 'studio' | 'lan'): void {
    const bucket = new TokenBucket(PARTY_LIMITS.ratePerSec, PARTY_LIMITS.burst);
    const bad = new Misbehaviour(PARTY_LIMITS);
    let memberId: string | null = null;
    const send = (m: PartyServerMessage) => {
      if (ws.readyState !== ws.OPEN) return;
      if (ws.bufferedAmount > MAX_BUFFERED) return ws.terminate();
      ws.send(JSON.stringify(m));
    };
    const conn = { send, close: (code: number, reason: string) => ws.close(code, reason) };
    const helloTimer = setTimeout(() => memberId || ws.close(4008, 'no hello'), HELLO_TIMEOUT_MS);
    const refuse = (code: string, message: string, overLimit: boolean) => {
      if (overLimit) bad.overLimit++;
      else bad.malformed++;
      this.parties.countRefused(partyId, bad.drop);
      if (bad.drop) {
        this.logger.warn(`party ${partyId}: dropped a ${via} socket (${bad.malformed} malformed, ${bad.overLimit} over the rate limit)`);
        send({ type: 'error', code: 'dropped', message: 'Too many refused messages; disconnected' });
        ws.close(1008, 'too many refused messages');
        return;
      }
      send({ type: 'error', code, message });
    };
    ws.on('message', (raw: Buffer, isBinary: boolean) => {
      if (!bucket.take()) return refuse('rate_limited', `Slow down: at most ${PARTY_LIMITS.ratePerSec} messages a second`, true);
      const parsed = parseClientMessage(raw, isBinary);
      if (!parsed.ok) return refuse(parsed.code, parsed.message, false);
      const m = parsed.message;
      if (!memberId) {
        if (m.type !== 'hello') return refuse('hello_first', 'Say hello with your name first', false);
        try {
          memberId = this.parties.join(partyId, via, m.name, conn).id;
          clearTimeout(helloTimer);
        } catch (err) {
          send({ type: 'error', code: err instanceof AppError ? err.code : 'join_failed', message: (err as Error).message });
          ws.close(4009, 'join refused');
        }
        return;
      }
      const reply = this.parties.handle(partyId, memberId, m);
      if (reply) send(reply);
    });
    ws.on('close', () => {
      clearTimeout(helloTimer);
      if (memberId) this.parties.leave(partyId, memberId);
    });
    ws.on('error', () => ws.terminate());
  }

  close(): void {
    for (const c of this.wss.clients) c.terminate();
    this.wss.close();
  }
}
