import { useEffect, useState } from 'react';
import type { HostedRoom, HostedRoomInvite } from '../../../../shared/schemas/relay-hosted-rooms.js';
import type { HostedWorldStarted } from '../../../../shared/schemas/world-hosted.js';
import { flushWorld } from '../store/autosave.js';
import { hostedApi, joinDetails } from './hosted-api.js';
import { hostedGuestLink, hostedGuestQr } from './hosted-guest-link.js';
import { useBusyAction } from '../room/use-busy-action.js';
import '../room/room.css';

/**
 * "Host on community relay" (issue 14), next to "Invite players": uploads the open world
 * (entities, terrain, GLBs) to the relay the studio is signed in to, so players outside the LAN
 * can join: a browser link to the relay's guest page (and its QR code), with the raw Colyseus
 * endpoint, room id and invite under "Details" for other clients. Shows what was left out (GLBs not generated
 * yet or too large), lets the owner replace the invite and end the room. The relay refuses
 * Free accounts and says so; not signed in, the host says where to sign in.
 */
export function HostOnRelay({ worldId }: { worldId: string }) {
  const [open, setOpen] = useState(false);
  const [started, setStarted] = useState<HostedWorldStarted | null>(null);
  const [invite, setInvite] = useState<HostedRoomInvite | null>(null);
  const [room, setRoom] = useState<HostedRoom | null>(null);
  const [maxPlayers, setMaxPlayers] = useState(5);
  const { busy, error, setError, run } = useBusyAction();
  const [copied, setCopied] = useState<string | null>(null);
  const [qr, setQr] = useState<string | null>(null);

  const start = () =>
    run('Uploading the world to the relay…', async () => {
      // The upload reads the world from the database: write the editor's pending edits first.
      await flushWorld();
      const s = await hostedApi.start(worldId, maxPlayers);
      setStarted(s);
      setRoom(s.room);
      setInvite(s.invite);
    });

  const details = started && room ? joinDetails(started.relayUrl, room, invite) : '';
  const link = started && room && invite ? hostedGuestLink(started.relayUrl, room.id, invite.token) : '';
  const ended = room?.status === 'ended';

  useEffect(() => {
    let live = true;
    setQr(null);
    if (link) void hostedGuestQr(link).then((src) => live && setQr(src), () => undefined);
    return () => {
      live = false;
    };
  }, [link]);

  const copy = (what: string, text: string) =>
    void navigator.clipboard.writeText(text).then(
      () => {
        setCopied(what);
        setTimeout(() => setCopied(null), 1500);
      },
      () => setError('The browser did not allow copying: select the text and copy it by hand.'),
    );

  return (
    <>
      <button type="button" className={room && !ended ? 'btn btn-cta' : 'btn btn-secondary'} data-testid="hosted-open" onClick={() => setOpen((o) => !o)}>
        {room && !ended ? 'On relay' : 'Host on community relay'}
      </button>
      {open ? (
        <div className="room-host-panel world-panel" role="dialog" aria-label="Host on community relay" data-testid="hosted-panel">
          <div className="room-host-head">
            <strong>Host on community relay</strong>
            <button type="button" className="btn btn-ghost btn-small" onClick={() => setOpen(false)} aria-label="Close">
              ✕
            </button>
          </div>
          {busy ? <p className="muted">{busy}</p> : null}
          {error ? (
            <p className="world-error" role="alert" data-testid="hosted-error">
              {error}
            </p>
          ) : null}
          {!room || ended ? (
            <>
              <p className="muted">
                Uploads this world (objects, terrain and their GLB models) to your community relay so players outside your network can join. Needs a Pro or Studio account on
                the relay. Prompts do not work in a relay-hosted room: the relay has no generator.
              </p>
              <label>
                Players{' '}
                <input type="number" min={1} max={16} value={maxPlayers} onChange={(e) => setMaxPlayers(Math.min(16, Math.max(1, Number(e.target.value) || 1)))} aria-label="Most players" />
              </label>
              <button type="button" className="btn btn-cta" data-testid="hosted-start" disabled={!!busy} onClick={() => void start()}>
                Upload and host
              </button>
            </>
          ) : null}
          {room && started ? (
            <>
              <p data-testid="hosted-status">
                {ended ? 'Ended.' : room.status === 'ready' ? 'Hosted on ' : 'Uploading to '}
                {ended ? null : <code>{started.relayUrl}</code>}
              </p>
              {started.skippedAssets.length ? (
                <p className="world-note" data-testid="hosted-skipped">
                  Shown as placeholders on the relay: {started.skippedAssets.map((a) => `${a.assetId} (${a.reason})`).join(', ')}
                </p>
              ) : null}
              {!ended && invite ? (
                <>
                  <div className="room-invite">
                    {qr ? <img className="room-qr" src={qr} alt="QR code of the join link" width={148} height={148} data-testid="hosted-qr" /> : null}
                    <div className="room-invite-link">
                      <input readOnly value={link} data-testid="hosted-join-link" onFocus={(e) => e.currentTarget.select()} aria-label="Join link" />
                      <button type="button" className="btn btn-small" onClick={() => copy('link', link)}>
                        {copied === 'link' ? 'Copied' : 'Copy'}
                      </button>
                      <p className="muted">
                        Anyone with this link can join from a browser until {new Date(invite.expiresAt).toLocaleString()} (up to {room.maxPlayers} players).
                      </p>
                    </div>
                  </div>
                  <details className="room-hosted-details">
                    <summary>Details for other clients</summary>
                    <div className="room-invite-link">
                      <input readOnly value={details} data-testid="hosted-join-details" onFocus={(e) => e.currentTarget.select()} aria-label="Join details" />
                      <button type="button" className="btn btn-small" onClick={() => copy('details', details)}>
                        {copied === 'details' ? 'Copied' : 'Copy'}
                      </button>
                      <p className="muted">A Colyseus client joins the relay's room with this endpoint, room id and invite.</p>
                    </div>
                  </details>
                </>
              ) : null}
              {!ended ? (
                <div className="room-host-actions">
                  <button type="button" className="btn btn-secondary" disabled={!!busy} onClick={() => void run('Making an invite…', async () => setInvite(await hostedApi.newInvite(room.id)))}>
                    New invite
                  </button>
                  <button type="button" className="btn btn-secondary" data-testid="hosted-end" disabled={!!busy} onClick={() => void run('Ending…', async () => setRoom(await hostedApi.end(room.id)))}>
                    End hosted room
                  </button>
                </div>
              ) : null}
            </>
          ) : null}
        </div>
      ) : null}
    </>
  );
}
