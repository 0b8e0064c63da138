import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { createPortal } from 'react-dom';
import type { WorldRoomSession } from '../../../../shared/schemas/world-room.js';
import { getConnection } from '../../../api/auth.js';
import { errorMessage } from '../../../api/errors.js';
import { API_PREFIX } from '../../../../shared/routes.js';
import { worldKeys } from '../api/keys.js';
import { isTypingTarget } from '../scene/keys.js';
import { flushWorld } from '../store/autosave.js';
import { useRoomEditorSync } from './editor-sync.js';
import { roomHostApi } from './host-api.js';
import type { RoomEndpoint } from './room-client.js';
import { RoomView } from './RoomView.js';
import { useBusyAction } from './use-busy-action.js';
import './room.css';

/** The studio user's own way into the room: the host's address with the API token. */
export function studioEndpoint(session: WorldRoomSession, name: string): RoomEndpoint {
  const { apiBase, token } = getConnection();
  const base = new URL(session.endpoint, apiBase.endsWith('/') ? apiBase : `${apiBase}/`).toString().replace(/\/$/, '');
  return {
    baseUrl: base,
    roomId: session.id,
    options: { name },
    authToken: token ?? undefined,
    glb: (assetId) => ({
      url: `${apiBase}${API_PREFIX}/world/assets/${encodeURIComponent(assetId)}/glb`,
      headers: token ? { Authorization: `Bearer ${token}` } : ({} as Record<string, string>),
    }),
  };
}

const EDITOR_ONLY_KEYS = new Set(['Delete', 'Backspace', 'KeyP', 'KeyT', 'KeyR', 'KeyY', 'KeyB', 'Escape']);

const qrSrc = (svg: string): string => `data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}`;

/**
 * "Invite players" (issue 12): hosts the open world as a LAN session, shows the invite link and
 * its QR code, who is in, and lets the host make a new link, revoke it, stop hosting, or join
 * the session themselves. While it runs the owner keeps editing: edits reach the room, and the
 * room's changes (bodies at rest, spawns, ground) reach the editor (editor-sync.ts).
 */
export function InvitePlayers({ worldId }: { worldId: string }) {
  const qc = useQueryClient();
  // The room saved what players did: reload the editor from the database.
  const onWorldChanged = () => void qc.invalidateQueries({ queryKey: worldKeys.world(worldId) });
  const [open, setOpen] = useState(false);
  const [session, setSession] = useState<WorldRoomSession | null>(null);
  const { busy, error, setError, run } = useBusyAction();
  const [playing, setPlaying] = useState(false);
  const [copied, setCopied] = useState(false);
  // While hosted, the room and the editor change the same world: each follows the other's saves.
  useRoomEditorSync(worldId, session !== null);
  // A session already running for this world (started before the editor was opened or remounted)
  // is picked up, so the button says so and the editor follows the room from the start.
  useEffect(() => {
    let live = true;
    roomHostApi.list().then(
      (all) => {
        if (live) setSession((cur) => cur ?? all.find((s) => s.worldId === worldId) ?? null);
      },
      () => undefined, // not hosting, or the host is away: the button offers to start
    );
    return () => {
      live = false;
    };
  }, [worldId]);

  const start = () =>
    run('Starting…', async () => {
      // The room loads the world from the database: write the editor's pending edits first.
      await flushWorld();
      setSession(await roomHostApi.start({ worldId }));
    });

  // Who is in, refreshed every 2 s while the panel is open.
  useEffect(() => {
    if (!open || !session) return undefined;
    const id = session.id;
    const timer = setInterval(() => {
      roomHostApi.get(id).then(setSession, (err: unknown) => setError(errorMessage(err)));
    }, 2000);
    return () => clearInterval(timer);
  }, [open, session?.id]); // eslint-disable-line react-hooks/exhaustive-deps

  const stop = () =>
    run('Stopping…', async () => {
      if (!session) return;
      await roomHostApi.stop(session.id);
      setSession(null);
      setPlaying(false);
      onWorldChanged();
    });

  // While the session covers the editor, keys meant only for the editor (delete, undo, tools, play)
  // must not reach it: they would change the hidden world under the running room. None of them is a
  // room key; typing in a field passes (the editor ignores fields anyway).
  useEffect(() => {
    if (!playing) return undefined;
    const block = (e: KeyboardEvent) => {
      if (isTypingTarget(e.target)) return;
      if (e.ctrlKey || e.metaKey || EDITOR_ONLY_KEYS.has(e.code)) e.stopPropagation();
    };
    window.addEventListener('keydown', block, true);
    return () => window.removeEventListener('keydown', block, true);
  }, [playing]);

  const copy = async (url: string) => {
    try {
      await navigator.clipboard.writeText(url);
      setCopied(true);
      setTimeout(() => setCopied(false), 1500);
    } catch {
      setError('The browser did not allow copying: select the link and copy it by hand.');
    }
  };

  return (
    <>
      <button
        type="button"
        className={session ? 'btn btn-cta' : 'btn btn-secondary'}
        data-testid="room-invite-open"
        onClick={() => {
          setOpen((o) => !o);
          if (!session && !open) void start();
        }}
      >
        {session ? `Hosting · ${session.players.length}` : 'Invite players'}
      </button>
      {open ? (
        <div className="room-host-panel world-panel" role="dialog" aria-label="Invite players" data-testid="room-host-panel">
          <div className="room-host-head">
            <strong>Invite players</strong>
            <button type="button" className="btn btn-ghost btn-small" onClick={() => setOpen(false)} aria-label="Close">
              ✕
            </button>
          </div>
          {busy ? <p className="muted">{busy}</p> : null}
          {error ? (
            <p className="world-error" role="alert" data-testid="room-host-error">
              {error}
            </p>
          ) : null}
          {!session && !busy ? (
            <button type="button" className="btn btn-cta" onClick={() => void start()}>
              Host this world
            </button>
          ) : null}
          {session ? (
            <>
              {session.invite ? (
                <div className="room-invite">
                  <img className="room-qr" src={qrSrc(session.invite.qrSvg)} alt="QR code of the invite link" width={148} height={148} />
                  <div className="room-invite-link">
                    <input readOnly value={session.invite.url} data-testid="room-invite-url" onFocus={(e) => e.currentTarget.select()} aria-label="Invite link" />
                    <button type="button" className="btn btn-small" onClick={() => void copy(session.invite!.url)}>
                      {copied ? 'Copied' : 'Copy'}
                    </button>
                    <p className="muted">Anyone on your network with this link can join until {new Date(session.invite.expiresAt).toLocaleString()}.</p>
                  </div>
                </div>
              ) : (
                <p className="world-note" data-testid="room-invite-problem">
                  {session.inviteProblem ?? 'No invite link yet.'}
                </p>
              )}
              <h3>
                Players {session.players.length} / {session.maxPlayers}
              </h3>
              <ul className="room-players">
                {session.players.length === 0 ? <li className="muted">Nobody yet.</li> : null}
                {session.players.map((p) => (
                  <li key={p.sessionId}>
                    {p.name}
                    {p.isHost ? ' · you' : ''}
                    {p.connected ? '' : ' · reconnecting'}
                  </li>
                ))}
              </ul>
              <div className="room-host-actions">
                <button type="button" className="btn btn-cta" data-testid="room-join-host" onClick={() => setPlaying(true)}>
                  Join the session
                </button>
                <button type="button" className="btn btn-secondary" disabled={!!busy} onClick={() => void run('New link…', async () => {
                  const invite = await roomHostApi.newInvite(session.id);
                  setSession({ ...session, invite, inviteProblem: null });
                })}>
                  New link
                </button>
                <button type="button" className="btn btn-secondary" disabled={!!busy || !session.invite} onClick={() => void run('Revoking…', async () => {
                  await roomHostApi.revokeInvite(session.id);
                  setSession({ ...session, invite: null, inviteProblem: 'Invite revoked: players already in stay; new joins are refused. Make a new link to invite again.' });
                })}>
                  Revoke link
                </button>
                <button type="button" className="btn btn-secondary" data-testid="room-stop" disabled={!!busy} onClick={() => void stop()}>
                  Stop hosting
                </button>
              </div>
            </>
          ) : null}
        </div>
      ) : null}
      {playing && session
        ? createPortal(
            <div className="room-overlay" data-testid="room-overlay">
              <RoomView
                endpoint={studioEndpoint(session, 'Host')}
                exitLabel="Back to the editor"
                onExit={() => {
                  setPlaying(false);
                  onWorldChanged();
                }}
              />
            </div>,
            document.body,
          )
        : null}
    </>
  );
}
