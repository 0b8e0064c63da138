import { useEffect, useState, type FormEvent } from 'react';
import { QUOTAS } from '../../../../shared/world/room-protocol.js';
import { ChatPanel } from './ChatPanel.js';
import { DevPanel } from './DevPanel.js';
import { ownState } from './OwnAvatar.js';
import { RoomClient, type RoomEndpoint } from './room-client.js';
import { installRoomTestHook } from './room-test-hook.js';
import { RoomNotices } from './RoomNotices.js';
import { RoomScene } from './RoomScene.js';
import { useRoomStore } from './room-store.js';

const STATUS_TEXT = {
  idle: 'Not connected',
  connecting: 'Joining…',
  joined: 'In the session',
  reconnecting: 'Connection lost — reconnecting…',
  left: 'You left the session',
  error: 'Not connected',
} as const;

function Players() {
  const players = useRoomStore((s) => s.players);
  const you = useRoomStore((s) => s.you);
  const entities = useRoomStore((s) => s.entities);
  const max = useRoomStore((s) => s.quotas?.maxPlayers ?? null);
  const list = Object.values(players);
  return (
    <section className="world-panel" data-testid="room-players">
      <h3>
        Players {list.length}
        {max ? ` / ${max}` : ''}
      </h3>
      <ul className="room-players">
        {list.map((p) => (
          <li key={p.sessionId} data-testid="room-player">
            <span className="room-dot" style={{ background: p.color }} />
            {p.name}
            {p.sessionId === you ? ' (you)' : ''}
            {p.isHost ? ' · host' : ''}
            {p.connected ? '' : ' · reconnecting'}
            {p.holding ? ` · holds ${entities[p.holding]?.name ?? 'an object'}` : ''}
          </li>
        ))}
      </ul>
    </section>
  );
}

/** Prompts from any player become one job on the host; everyone sees the same placeholder, then the same asset. */
function RoomPrompt({ client }: { client: RoomClient }) {
  const [text, setText] = useState('');
  const jobs = useRoomStore((s) => s.jobs);
  const running = Object.values(jobs).filter((j) => j.status === 'running').length;
  const off = useRoomStore((s) => s.generationOff);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const prompt = text.trim();
    if (!prompt) return;
    const p = ownState.position;
    const f = [-Math.sin(ownState.yaw), 0, -Math.cos(ownState.yaw)];
    const position: [number, number, number] | undefined = p ? [p[0] + f[0]! * 3, p[1], p[2] + f[2]! * 3] : undefined;
    if (client.send('spawn_prompt', { prompt, position, requestId: `r${Date.now().toString(36)}` })) setText('');
  };
  if (off) {
    return (
      <section className="world-panel" data-testid="room-generation-off">
        <h3>Spawn for everyone</h3>
        <p className="muted">{off}</p>
      </section>
    );
  }
  return (
    <section className="world-panel">
      <form onSubmit={submit} className="room-prompt">
        <label htmlFor="room-prompt">Spawn for everyone</label>
        <input id="room-prompt" data-testid="room-prompt" value={text} maxLength={500} placeholder="a wooden crate" onChange={(e) => setText(e.target.value)} />
        <button type="submit" className="btn btn-small" disabled={!text.trim()}>
          Spawn
        </button>
      </form>
      <p className="muted">
        {running} of {QUOTAS.concurrentJobsPerRoom} generation slots busy · {QUOTAS.submissionsPerPlayerPerMinute} prompts a minute each
      </p>
    </section>
  );
}

/** Terrain edits replicate as brush operations: each player's dab is applied by everyone in the same order. */
function RoomBrush({ client }: { client: RoomClient }) {
  const dab = (tool: 'raise' | 'lower' | 'smooth') => {
    const p = ownState.position;
    if (!p) return;
    const f = [-Math.sin(ownState.yaw), -Math.cos(ownState.yaw)] as const;
    client.send('terrain_brush', { tool, x: p[0] + f[0] * 6, z: p[2] + f[1] * 6, radius: 4, strength: 0.5 });
  };
  return (
    <section className="world-panel">
      <h3>Ground in front of you</h3>
      <div className="room-brush">
        <button type="button" className="btn btn-small" onClick={() => dab('raise')}>
          Raise
        </button>
        <button type="button" className="btn btn-small" onClick={() => dab('lower')}>
          Lower
        </button>
        <button type="button" className="btn btn-small" onClick={() => dab('smooth')}>
          Smooth
        </button>
      </div>
    </section>
  );
}

/**
 * A live session of a world, for the studio user (host) and LAN guests alike: joins on mount,
 * leaves on unmount. The scene on the right with the chat over its lower left corner; players,
 * shared prompt, ground brush and the dev panel on the left.
 */
export function RoomView({ endpoint, onExit, exitLabel }: { endpoint: RoomEndpoint; onExit?: () => void; exitLabel?: string }) {
  const [client, setClient] = useState<RoomClient | null>(null);
  const status = useRoomStore((s) => s.status);
  const error = useRoomStore((s) => s.error);
  const worldName = useRoomStore((s) => s.worldName);
  const joinedWorld = useRoomStore((s) => s.worldId !== null);

  // One connection per mount (the endpoint of the first render): joined here, left on unmount.
  useEffect(() => {
    const c = new RoomClient(endpoint);
    useRoomStore.getState().reset();
    setClient(c);
    void c.join();
    const unhook = installRoomTestHook(c);
    return () => {
      unhook();
      void c.leave();
      useRoomStore.getState().reset();
    };
  }, []); // eslint-disable-line react-hooks/exhaustive-deps

  if (!client) return null;

  return (
    <div className="world-editor room-view" data-testid="room-view" data-status={status}>
      <div className="world-toolbar room-toolbar">
        <strong>{worldName || 'World session'}</strong>
        <span className={`room-status room-status-${status}`} data-testid="room-status">
          {STATUS_TEXT[status]}
        </span>
        <span className="muted">WASD walk · mouse / arrows look · E pick up or let go · F throw · V camera</span>
        {onExit ? (
          <button type="button" className="btn btn-small" onClick={onExit}>
            {exitLabel ?? 'Leave'}
          </button>
        ) : null}
      </div>
      <aside className="world-left">
        <Players />
        <RoomPrompt client={client} />
        <RoomBrush client={client} />
        <DevPanel client={client} />
      </aside>
      <div className="world-stage">
        {error ? (
          <div className="room-error" role="alert" data-testid="room-error">
            {error}
          </div>
        ) : null}
        {joinedWorld ? <RoomScene client={client} /> : null}
        <RoomNotices />
        {joinedWorld ? <ChatPanel client={client} /> : null}
      </div>
    </div>
  );
}
