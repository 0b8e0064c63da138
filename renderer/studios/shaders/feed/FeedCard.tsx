import { memo, useRef } from 'react';
import type { ShaderCard } from '../../../../shared/schemas/shaders.js';
import { PRIORITY } from '../canvas/context-budget.js';
import { ShaderCanvas, type ShaderCanvasController } from '../canvas/ShaderCanvas.js';
import { reportDwell } from '../api/hooks.js';
import { studioPaths } from '../nav.js';
import { StudioLink } from '../ui/StudioLink.js';
import { StyleChips } from '../ui/StyleChips.js';
import { FeedActions } from './FeedActions.js';
import { useDwell } from './useDwell.js';
import { WhyThis } from './WhyThis.js';

interface Props {
  card: ShaderCard;
  index: number;
  /** The card in view. */
  active: boolean;
  /** The card in view and the one after it, once scrolling rests: they hold GL contexts (the next one compiled and paused off-screen, so the swipe is instant). */
  live: boolean;
  height: number;
}

/** One full-height slide of the feed: the live shader, who made it, its style and the actions. */
export const FeedCard = memo(function FeedCard({ card, index, active, live, height }: Props) {
  const ref = useRef<HTMLElement>(null);
  const controller = useRef<ShaderCanvasController>(null);
  useDwell(ref, (seconds) => reportDwell(card.id, seconds));

  return (
    <article
      ref={ref}
      className="feed-slide"
      style={{ height }}
      data-testid="feed-card"
      data-shader-id={card.id}
      data-index={index}
      data-active={active}
      aria-roledescription="shader"
      aria-label={card.title}
    >
      <div className="feed-card">
        <div className="feed-stage">
          <ShaderCanvas
            source={card.source}
            priority={active ? PRIORITY.feedActive : PRIORITY.feedNext}
            live={live}
            thumbnailUrl={card.thumbnailUrl}
            interactive
            label={`Live shader: ${card.title}`}
            className="feed-canvas"
            controllerRef={controller}
          />
          <div className="feed-info">
            <WhyThis why={card.why} />
            <h2 className="feed-title">
              <StudioLink to={studioPaths.detail(card.id)}>{card.title}</StudioLink>
            </h2>
            <p className="feed-author">
              by {card.author?.username ?? 'unknown'}
              {card.provenance.isAiGenerated ? <span className="chip feed-ai">AI · {card.provenance.model ?? card.provenance.provider ?? 'generated'}</span> : null}
              {card.forkedFrom ? (
                <span className="feed-fork-of">
                  {' '}· fork of <StudioLink to={studioPaths.detail(card.forkedFrom.id)}>{card.forkedFrom.title ?? 'a deleted shader'}</StudioLink>
                </span>
              ) : null}
            </p>
            {card.tags.length ? (
              <div className="chips feed-tags">
                {card.tags.map((t) => (
                  <StudioLink key={t} className="chip chip-tag" to={studioPaths.explore({ tag: t })}>
                    #{t}
                  </StudioLink>
                ))}
              </div>
            ) : null}
            <StyleChips style={card.style} compact />
          </div>
        </div>
        <FeedActions card={card} controller={controller} />
      </div>
    </article>
  );
});
