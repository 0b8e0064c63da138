import {
  PartyServerMessage,
  type Party,
  type PartyChat,
  type PartyClientMessage,
  type PartyMember,
  type PartyPlayback,
} from '../../../../shared/schemas/video-party.js';
import { ClockOffset, expectedPosition } from '../../../../shared/video/party/party-sync.js';

export interface PartyClientEvents {
  onWelcome?(memberId: string, party: Party): void;
  onPresence?(members: PartyMember[], hostMemberId: string | null): void;
  onChat?(message: PartyChat): void;
  onPlayback?(pb: PartyPlayback): void;
  onError?(code: string, message: string): void;
  onClosed?(reason: string): void;
}

/**
 * One party socket (studio or guest): hello, then the server's timeline. Pings every 2 s (fast
 * at first) keep the clock offset fresh, so `position()` is the party's position on this clock.
 */
export class PartyClient {
  readonly clock = new ClockOffset();
  playback: PartyPlayback | null = null;
  memberId: string | null = null;
  private ws: WebSocket;
  private pinger: ReturnType<typeof setInterval> | null = null;
  private ended = false;

  constructor(url: string, name: string, private readonly on: PartyClientEvents) {
    this.ws = new WebSocket(url);
    this.ws.onopen = () => {
      this.send({ type: 'hello', name });
      let n = 0;
      this.ping();
      this.pinger = setInterval(() => {
        if (++n < 5 || n % 8 === 0) this.ping();
      }, 250);
    };
    this.ws.onmessage = (e) => this.receive(String(e.data));
    this.ws.onclose = (e) => {
      this.stopPing();
      if (!this.ended) this.on.onClosed?.(e.reason || 'Disconnected from the party');
    };
  }

  send(m: PartyClientMessage): void {
    if (this.ws.readyState === WebSocket.OPEN) this.ws.send(JSON.stringify(m));
  }

  /** Server time now, on this clock. */
  serverNow(): number {
    return Date.now() + this.clock.offset;
  }

  /** Where the party is now (s), or null before the first sync. */
  position(): number | null {
    return this.playback ? expectedPosition(this.playback, this.serverNow()) : null;
  }

  close(): void {
    this.ended = true;
    this.stopPing();
    this.ws.close();
  }

  private ping(): void {
    this.send({ type: 'ping', t0: Date.now() });
  }

  private stopPing(): void {
    if (this.pinger) clearInterval(this.pinger);
    this.pinger = null;
  }

  private receive(raw: string): void {
    let parsed: PartyServerMessage;
    try {
      parsed = PartyServerMessage.parse(JSON.parse(raw));
    } catch {
      return;
    }
    const m = parsed;
    switch (m.type) {
      case 'welcome':
        this.memberId = m.memberId;
        this.on.onWelcome?.(m.memberId, m.party);
        this.on.onPresence?.(m.party.members, m.party.hostMemberId);
        for (const c of m.chat) this.on.onChat?.(c);
        break;
      case 'pong':
        this.clock.add(m.t0, m.serverTime, Date.now());
        break;
      case 'sync':
        this.playback = { state: m.action === 'play' ? 'playing' : m.action === 'pause' ? 'paused' : (this.playback?.state ?? 'paused'), position: m.position, at: m.serverTime };
        this.on.onPlayback?.(this.playback);
        break;
      case 'presence':
        this.on.onPresence?.(m.members, m.hostMemberId);
        break;
      case 'chat':
        this.on.onChat?.(m.message);
        break;
      case 'error':
        this.on.onError?.(m.code, m.message);
        break;
      case 'closed':
        this.ended = true;
        this.on.onClosed?.(m.reason);
        break;
    }
  }
}
