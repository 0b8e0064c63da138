import { forwardRef } from 'react';
import type { ArcadeGame } from '../../../../shared/schemas/video-arcade.js';

/**
 * A game in its sandbox: scripts and pointer lock only. No allow-same-origin (the frame gets an
 * opaque origin: no storage, no cookies, no reaching the parent), no forms, popups or top
 * navigation. The page comes from the arcade origin, a different site-isolated process, so a game
 * stuck in an endless loop freezes only this frame.
 */
export const GameFrame = forwardRef<HTMLIFrameElement, { game: ArcadeGame; className?: string }>(function GameFrame({ game, className }, ref) {
  return (
    <iframe
      ref={ref}
      className={className ?? 'arcade-frame'}
      src={game.playUrl}
      title={`${game.title} (game)`}
      sandbox="allow-scripts allow-pointer-lock"
      allow="autoplay"
      referrerPolicy="no-referrer"
      data-testid="arcade-frame"
      data-game-id={game.id}
    />
  );
});
