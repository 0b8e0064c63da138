import { useRef, useState } from 'react';
import type { ArcadeGame } from '../../../../shared/schemas/video-arcade.js';
import { useAuthedMedia } from '../../../api/authed-media.js';
import { errorMessage } from '../../../api/errors.js';
import { useArcadeGames } from './arcade-api.js';
import { ArcadePip } from './ArcadePip.js';

function PickCard({ game, onPick }: { game: ArcadeGame; onPick: () => void }) {
  const thumb = useAuthedMedia(game.thumbnailMediaId ? `/media/${game.thumbnailMediaId}/file` : null);
  return (
    <li>
      <button type="button" className="arcade-pick" onClick={onPick} data-testid="arcade-pick" data-game-title={game.title}>
        {thumb.url ? <img src={thumb.url} alt="" /> : <span className="arcade-pick-blank" aria-hidden="true" />}
        <span>{game.title}</span>
      </button>
    </li>
  );
}

/**
 * "Play a game" beside a player: pick an installed game and it opens in the PIP panel over the
 * player's <video> — the first <video> inside this component's parent, so it mounts with one line
 * next to any player.
 */
export function ArcadeLauncher() {
  const ref = useRef<HTMLDivElement>(null);
  const [picking, setPicking] = useState(false);
  const [game, setGame] = useState<ArcadeGame | null>(null);
  const [video, setVideo] = useState<HTMLVideoElement | null>(null);
  const games = useArcadeGames();
  const pick = (g: ArcadeGame): void => {
    setVideo(ref.current?.parentElement?.querySelector('video') ?? null);
    setGame(g);
    setPicking(false);
  };
  return (
    <div ref={ref} className="arcade-launcher">
      <button type="button" className="btn btn-secondary btn-small" aria-expanded={picking} onClick={() => setPicking((p) => !p)} data-testid="arcade-launch">
        Play a game
      </button>
      {picking ? (
        <div className="arcade-picker" role="group" aria-label="Pick a game to play over the video">
          {games.isPending ? <p className="muted small">Loading games…</p> : null}
          {games.error ? <p className="video-note-warn small">{errorMessage(games.error)}</p> : null}
          {games.data && games.data.games.length === 0 ? <p className="muted small">No games installed: add one in Video → Arcade.</p> : null}
          <ul className="arcade-pick-list">
            {games.data?.games.map((g) => <PickCard key={g.id} game={g} onPick={() => pick(g)} />)}
          </ul>
        </div>
      ) : null}
      {game ? <ArcadePip key={game.id} video={video} game={game} onClose={() => setGame(null)} /> : null}
    </div>
  );
}
