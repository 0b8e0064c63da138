import { useState, type FormEvent } from 'react';
import { parseGuestLocation, type GuestLocation } from './guest-location.js';
import type { RoomEndpoint } from './room-client.js';
import { RoomView } from './RoomView.js';
import '../world.css';
import './room.css';

/**
 * Where a LAN guest lands (issue 12): the invite link opens /world-room/<worldId>?invite=<token>
 * or /world-room/<worldId>/t/<token>/ on the host's LAN listener. The page needs no studio token:
 * everything it loads (the Colyseus endpoint, GLBs by asset id) lives under the invite's path, so
 * the token travels in the path and nothing else of the studio is reachable.
 */
export function guestEndpoint(at: GuestLocation, name: string): RoomEndpoint {
  const base = `${window.location.origin}${at.basePath}`;
  return {
    baseUrl: `${base}colyseus`,
    roomId: at.worldId,
    options: { name, invite: at.token },
    glb: (assetId) => ({ url: `${base}glb/${encodeURIComponent(assetId)}`, headers: {} }),
  };
}

const NAME_KEY = 'auteur.room.name';

export default function GuestRoomApp() {
  const [at] = useState(() => {
    const loc = parseGuestLocation(window.location.pathname, window.location.search);
    // Keep the token out of the query (and so out of history entries that drop the path form).
    if (loc && window.location.search) window.history.replaceState(null, '', loc.basePath);
    return loc;
  });
  const [name, setName] = useState(() => window.localStorage.getItem(NAME_KEY) ?? '');
  const [joined, setJoined] = useState(false);

  if (!at) {
    return (
      <main className="auth-required" data-testid="room-guest-bad-link">
        <div className="auth-card">
          <h1>This invite link is incomplete</h1>
          <p>Ask the host for the link again (it ends in ?invite=…), or scan their QR code.</p>
        </div>
      </main>
    );
  }
  if (!joined) {
    const submit = (e: FormEvent) => {
      e.preventDefault();
      const n = name.trim();
      if (!n) return;
      window.localStorage.setItem(NAME_KEY, n);
      setJoined(true);
    };
    return (
      <main className="room-guest">
        <form className="room-join-form world-panel" onSubmit={submit} data-testid="room-guest-join">
          <span className="wordmark">Auteur</span>
          <h1>Join a world session</h1>
          <label htmlFor="room-guest-name">Your name</label>
          <input id="room-guest-name" data-testid="room-guest-name" value={name} maxLength={40} autoFocus onChange={(e) => setName(e.target.value)} />
          <button type="submit" className="btn btn-cta" disabled={!name.trim()}>
            Join
          </button>
        </form>
      </main>
    );
  }
  return (
    <main className="room-guest">
      <RoomView endpoint={guestEndpoint(at, name.trim())} />
    </main>
  );
}
