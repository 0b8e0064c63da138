import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef, useState, type DragEvent } from 'react';
import { ARCADE_LIMITS, type ArcadeGame } from '../../../../shared/schemas/video-arcade.js';
import { useAuthedMedia } from '../../../api/authed-media.js';
import { errorMessage } from '../../../api/errors.js';
import { EmptyState } from '../../../components/EmptyState.js';
import { ErrorBanner } from '../../../components/ErrorBanner.js';
import { Loading } from '../../../components/Loading.js';
import { ProgressBar } from '../../../components/ProgressBar.js';
import { arcadeKeys, uploadGame, useArcadeGames, useDeleteGame } from './arcade-api.js';
import { GameFrame } from './GameFrame.js';
import './arcade.css';

const THUMB_LABEL: Record<ArcadeGame['thumbnailSource'], string> = { bundle: 'its own thumbnail', rendered: 'a screenshot', title_card: 'a title card' };

function GameCard({ game, onPlay }: { game: ArcadeGame; onPlay: () => void }) {
  const thumb = useAuthedMedia(game.thumbnailMediaId ? `/media/${game.thumbnailMediaId}/file` : null);
  const del = useDeleteGame();
  const [confirming, setConfirming] = useState(false);
  return (
    <li className="vlib-card arcade-card" data-testid="arcade-card" data-game-id={game.id} data-game-title={game.title}>
      <button type="button" className="vlib-thumb arcade-thumb" onClick={onPlay} aria-label={`Play ${game.title}`}>
        {thumb.url ? <img src={thumb.url} alt="" /> : <span className="muted small">No thumbnail</span>}
        <span className="arcade-play-badge" aria-hidden="true">▶ Play</span>
      </button>
      <div className="vlib-body">
        <h3 className="vlib-title serif">{game.title}</h3>
        <p className="muted small" title={game.thumbnailNote ?? undefined}>
          {game.origin === 'builtin' ? 'Shipped with the studio' : `Added ${new Date(game.createdAt).toLocaleDateString()}`} · {game.fileCount} files ·{' '}
          {game.bytes < 1024 ? '<1' : (game.bytes / 1024).toFixed(0)} KB · card from {THUMB_LABEL[game.thumbnailSource]}
        </p>
        <div className="vlib-delete">
          {confirming ? (
            <>
              <span className="small">Remove “{game.title}” and its files?</span>
              <button type="button" className="btn btn-danger btn-small" disabled={del.isPending} onClick={() => del.mutate(game.id)} data-testid="arcade-delete-confirm">
                {del.isPending ? 'Removing…' : 'Remove'}
              </button>
              <button type="button" className="btn btn-ghost btn-small" onClick={() => setConfirming(false)}>
                Keep
              </button>
            </>
          ) : (
            <button type="button" className="btn btn-ghost btn-small" onClick={() => setConfirming(true)} data-testid="arcade-delete">
              Remove…
            </button>
          )}
          {del.error ? <p className="video-note-warn small">{errorMessage(del.error)}</p> : null}
        </div>
      </div>
    </li>
  );
}

/** Drag-and-drop or pick a zip; shows the upload's progress, then the host's verdict. */
function UploadZone() {
  const qc = useQueryClient();
  const input = useRef<HTMLInputElement>(null);
  const [over, setOver] = useState(false);
  const [progress, setProgress] = useState<{ name: string; fraction: number } | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [added, setAdded] = useState<string | null>(null);

  const send = async (file: File | undefined): Promise<void> => {
    if (!file || progress) return;
    setError(null);
    setAdded(null);
    if (!/\.zip$/i.test(file.name)) return setError(new Error(`“${file.name}” is not a .zip file. A game bundle is a zip with index.html at its root.`));
    setProgress({ name: file.name, fraction: 0 });
    try {
      const game = await uploadGame(file, (fraction) => setProgress({ name: file.name, fraction }));
      setAdded(game.title);
      await qc.invalidateQueries({ queryKey: arcadeKeys.games });
    } catch (err) {
      setError(err);
    } finally {
      setProgress(null);
      if (input.current) input.current.value = '';
    }
  };
  const onDrop = (e: DragEvent<HTMLDivElement>): void => {
    e.preventDefault();
    setOver(false);
    void send(e.dataTransfer.files[0]);
  };
  return (
    <div
      className={`arcade-drop${over ? ' arcade-drop-over' : ''}`}
      onDragOver={(e) => (e.preventDefault(), setOver(true))}
      onDragLeave={() => setOver(false)}
      onDrop={onDrop}
      data-testid="arcade-drop"
    >
      <p>
        <strong>Add a game:</strong> drop an HTML5 game zip here (index.html at its root, up to {ARCADE_LIMITS.maxZipBytes / 1024 ** 2} MB) or{' '}
        <button type="button" className="btn btn-secondary btn-small" onClick={() => input.current?.click()} disabled={!!progress}>
          choose a file…
        </button>
      </p>
      <input ref={input} type="file" accept=".zip,application/zip" hidden onChange={(e) => void send(e.target.files?.[0])} data-testid="arcade-file" />
      {progress ? (
        <ProgressBar value={progress.fraction} label={`Uploading ${progress.name}`} message={progress.fraction >= 1 ? 'Checking and installing…' : `Uploading ${progress.name}`} />
      ) : null}
      {added ? <p className="small" role="status">“{added}” is in the arcade.</p> : null}
      {error ? <ErrorBanner error={error} title="The game was not added" /> : null}
    </div>
  );
}

/** A game full-size in the page (still sandboxed on its own origin). */
function Stage({ game, onClose }: { game: ArcadeGame; onClose: () => void }) {
  const close = useRef<HTMLButtonElement>(null);
  useEffect(() => close.current?.focus(), []);
  return (
    <section className="arcade-stage" aria-label={`Playing ${game.title}`} data-testid="arcade-stage" onKeyDown={(e) => e.key === 'Escape' && onClose()}>
      <header className="arcade-stage-bar">
        <h2 className="serif">{game.title}</h2>
        <span className="muted small">Click the game to give it the keyboard.</span>
        <button ref={close} type="button" className="btn btn-secondary btn-small" onClick={onClose} data-testid="arcade-stage-close">
          Close
        </button>
      </header>
      <GameFrame game={game} className="arcade-stage-frame" />
    </section>
  );
}

/** Video → Arcade: the installed games, upload, remove, play full-size. */
export function ArcadeView() {
  const games = useArcadeGames();
  const [playing, setPlaying] = useState<ArcadeGame | null>(null);
  return (
    <div className="arcade-view" data-testid="arcade-view">
      <p className="muted">
        HTML5 games run sandboxed on their own origin, with no access to the studio. Play one here, or over a video with “Play a game” under the player.
      </p>
      <UploadZone />
      {playing ? <Stage key={playing.id} game={playing} onClose={() => setPlaying(null)} /> : null}
      {games.isPending ? <Loading label="Loading games…" /> : null}
      {games.error ? <ErrorBanner error={games.error} title="The arcade could not be loaded" onRetry={() => void games.refetch()} /> : null}
      {games.data && games.data.games.length === 0 ? <EmptyState title="No games yet">Drop a game zip above to add one.</EmptyState> : null}
      {games.data?.games.length ? (
        <ul className="vlib-grid" data-testid="arcade-grid">
          {games.data.games.map((g) => (
            <GameCard key={g.id} game={g} onPlay={() => setPlaying(g)} />
          ))}
        </ul>
      ) : null}
    </div>
  );
}
