import { useEffect, useRef, useState } from 'react';
import type { Party, PartyChat, PartyJoinInfo, PartyMember } from '../../../../shared/schemas/video-party.js';
import { API_PREFIX } from '../../../../shared/routes.js';
import { api } from '../../../api/client.js';
import { getConnection } from '../../../api/auth.js';
import { errorMessage } from '../../../api/errors.js';
import { useHls } from '../player/useHls.js';
import { followPlayback } from './follow-playback.js';
import { PartyClient } from './party-client.js';

function socketUrl(partyId: string): string {
  const { apiBase, token } = getConnection();
  const url = new URL(`${API_PREFIX}/video/parties/${partyId}/ws`, apiBase);
  url.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:';
  url.searchParams.set('token', token ?? '');
  return url.href;
}

/**
 * The studio side of a watch party: the invite (QR, link, copy), the player that follows the
 * party timeline (its controls drive it while you are the host of the party), people with
 * handoff, chat, and ending the party.
 */
export function PartyPanel({ party, masterMediaId, onClose }: { party: Party; masterMediaId: string | null; onClose: () => void }) {
  const videoRef = useRef<HTMLVideoElement | null>(null);
  const clientRef = useRef<PartyClient | null>(null);
  const [info, setInfo] = useState<PartyJoinInfo | null>(null);
  const [me, setMe] = useState<string | null>(null);
  const [members, setMembers] = useState<PartyMember[]>([]);
  const [hostId, setHostId] = useState<string | null>(null);
  const [chat, setChat] = useState<PartyChat[]>([]);
  const [text, setText] = useState('');
  const [status, setStatus] = useState('Connecting…');
  const [drift, setDrift] = useState(0);
  const live = party.target.kind === 'channel';
  useHls(videoRef, live ? null : masterMediaId, live && party.target.kind === 'channel' ? { path: `/channels/${party.target.channelId}/live/master.m3u8`, live: true } : {});

  const refreshInfo = () => void api.call('parties.join', { params: { id: party.id } }).then(setInfo, (e: unknown) => setStatus(errorMessage(e)));
  useEffect(refreshInfo, [party.id]);
  useEffect(() => {
    const c = new PartyClient(socketUrl(party.id), 'Studio', {
      onWelcome: (id) => (setMe(id), setStatus('Connected')),
      onPresence: (m, h) => (setMembers(m), setHostId(h)),
      onChat: (m) => setChat((all) => [...all.slice(-49), m]),
      onPlayback: (pb) => setStatus(pb.state === 'playing' ? 'Playing' : 'Paused'),
      onError: (_c, m) => setStatus(m),
      onClosed: (r) => setStatus(r),
    });
    clientRef.current = c;
    const stop = videoRef.current && !live ? followPlayback(videoRef.current, c, setDrift) : () => undefined;
    return () => (stop(), c.close());
  }, [party.id, live]);

  const isHost = me !== null && me === hostId;
  const send = (action: 'play' | 'pause' | 'seek', position?: number) => {
    const c = clientRef.current;
    if (!c) return;
    c.send({ type: 'sync', action, position: Math.max(0, position ?? c.position() ?? 0) });
  };
  const end = () => void api.call('parties.close', { params: { id: party.id }, body: {} }).finally(onClose);
  const newLink = () => void api.call('parties.invite.new', { params: { id: party.id }, body: { inviteTtlMinutes: 240 } }).then(refreshInfo);
  const revoke = () => void api.call('parties.invite.revoke', { params: { id: party.id } }).then(refreshInfo);

  return (
    <div className="party-panel card" data-testid="party-panel">
      <div className="card-header">
        <div>
          <h2>Watch party · {party.title}</h2>
          <p className="muted small" data-testid="party-status">
            {status}
            {!live ? ` · sync ±${Math.abs(drift * 1000).toFixed(0)} ms` : ''}
          </p>
        </div>
        <button type="button" className="btn btn-secondary" onClick={end} data-testid="party-end">End party</button>
      </div>
      <video ref={videoRef} className="party-video" playsInline muted data-testid="party-studio-video" />
      {!live ? (
        <div className="party-controls">
          <button type="button" className="btn" disabled={!isHost} onClick={() => send('play')} data-testid="party-play">Play</button>
          <button type="button" className="btn" disabled={!isHost} onClick={() => send('pause')} data-testid="party-pause">Pause</button>
          <button type="button" className="btn btn-secondary" disabled={!isHost} onClick={() => send('seek', (clientRef.current?.position() ?? 0) - 10)}>−10 s</button>
          <button type="button" className="btn btn-secondary" disabled={!isHost} onClick={() => send('seek', (clientRef.current?.position() ?? 0) + 10)}>+10 s</button>
          {!isHost ? <span className="muted small">Only the host of the party controls playback</span> : null}
        </div>
      ) : null}
      <div className="party-invite">
        {info?.qrSvg ? <div className="party-qr" aria-label="QR code of the invite link" dangerouslySetInnerHTML={{ __html: info.qrSvg }} /> : null}
        <div>
          {info?.url ? (
            <p>
              <code data-testid="party-link">{info.url}</code>{' '}
              <button type="button" className="btn btn-secondary" onClick={() => void navigator.clipboard.writeText(info.url ?? '')}>Copy</button>
            </p>
          ) : null}
          {info?.message ? <p className="muted" data-testid="party-invite-message">{info.message}</p> : null}
          <button type="button" className="btn btn-secondary" onClick={newLink}>New link</button>{' '}
          <button type="button" className="btn btn-secondary" onClick={revoke} disabled={!info?.url}>Revoke link</button>{' '}
          <button type="button" className="btn btn-secondary" onClick={refreshInfo}>Refresh</button>
        </div>
      </div>
      <h3>People</h3>
      <ul data-testid="party-people">
        {members.map((m) => (
          <li key={m.id}>
            {m.name} {m.via === 'lan' ? <span className="muted small">(guest)</span> : null} {m.isPartyHost ? <strong className="small">host</strong> : null}
            {m.id !== hostId && (isHost || m.id === me) ? (
              <button type="button" className="btn btn-secondary small" onClick={() => clientRef.current?.send({ type: 'handoff', to: m.id })} data-testid="party-handoff">
                {m.id === me ? 'Take control' : 'Make host'}
              </button>
            ) : null}
          </li>
        ))}
      </ul>
      <h3>Chat</h3>
      <div className="party-chat" data-testid="party-chat">
        {chat.map((c) => (
          <div key={c.id}>
            <strong>{c.name}:</strong> {c.text}
          </div>
        ))}
      </div>
      <form
        className="party-chat-form"
        onSubmit={(e) => {
          e.preventDefault();
          if (text.trim()) clientRef.current?.send({ type: 'chat', text: text.trim() });
          setText('');
        }}
      >
        <input value={text} maxLength={500} onChange={(e) => setText(e.target.value)} placeholder="Say something" aria-label="Chat message" />
        <button type="submit" className="btn btn-secondary">Send</button>
      </form>
    </div>
  );
}
