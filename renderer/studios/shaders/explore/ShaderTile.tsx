import { useState } from 'react';
import type { ShaderSummary } from '../../../../shared/schemas/shaders.js';
import { useShader } from '../api/hooks.js';
import { PRIORITY } from '../canvas/context-budget.js';
import { ShaderCanvas } from '../canvas/ShaderCanvas.js';
import { studioPaths } from '../nav.js';
import { StudioLink } from '../ui/StudioLink.js';
import { StyleChips } from '../ui/StyleChips.js';
import { UpIcon } from '../ui/icons.js';

/** Hovered tiles fetch the full shader (for its source) and go live if the context budget allows. */
function HoverPreview({ shader }: { shader: ShaderSummary }) {
  const full = useShader(shader.id);
  return (
    <ShaderCanvas
      source={full.data?.source ?? null}
      priority={PRIORITY.hover}
      thumbnailUrl={shader.thumbnailUrl}
      interactive={false}
      showErrors={false}
      maxDpr={1}
      label={`Live preview of ${shader.title}`}
      className="tile-canvas"
    />
  );
}

/** A grid card: thumbnail at rest, live preview on hover. */
export function ShaderTile({ shader }: { shader: ShaderSummary }) {
  const [hover, setHover] = useState(false);
  return (
    <article className="tile" data-testid="explore-tile" data-shader-id={shader.id} onPointerEnter={() => setHover(true)} onPointerLeave={() => setHover(false)} onFocus={() => setHover(true)} onBlur={() => setHover(false)}>
      <StudioLink to={studioPaths.detail(shader.id)} className="tile-link" aria-label={`${shader.title} by ${shader.author?.username ?? 'unknown'}`}>
        <div className="tile-media">
          {hover ? (
            <HoverPreview shader={shader} />
          ) : (
            <ShaderCanvas source={null} priority={0} live={false} thumbnailUrl={shader.thumbnailUrl} label={`Thumbnail of ${shader.title}`} className="tile-canvas" />
          )}
          {shader.renderStatus !== 'ready' ? (
            <span className="status-chip tile-status" data-status={shader.renderStatus}>
              {shader.renderStatus}
            </span>
          ) : null}
        </div>
      </StudioLink>
      <div className="tile-body">
        <div className="tile-head">
          <h3 className="tile-title">
            <StudioLink to={studioPaths.detail(shader.id)}>{shader.title}</StudioLink>
          </h3>
          <span className="tile-votes" title={`${shader.votes.up} up, ${shader.votes.down} down`}>
            <UpIcon /> {shader.votes.up - shader.votes.down}
          </span>
        </div>
        <p className="tile-author muted small">
          {shader.author?.username ?? 'unknown'}
          {shader.status === 'draft' ? ' · draft' : ''}
        </p>
        <StyleChips style={shader.style} compact />
      </div>
    </article>
  );
}
