import { studioPaths } from '../nav.js';
import { StudioLink } from '../ui/StudioLink.js';

/** The last slide (or the only one when nothing is ready): where to go from here. */
export function FeedEnd({ empty = false, height }: { empty?: boolean; height?: number }) {
  return (
    <section className="feed-slide feed-end" style={height ? { height } : undefined} data-testid="feed-end">
      <div className="feed-end-inner">
        <h2>{empty ? 'Nothing in the feed yet' : 'You have seen everything for now'}</h2>
        <p className="muted">
          {empty
            ? 'Shaders join the feed once they have rendered. Make one, or ask for what you want to see.'
            : 'Ask for something that does not exist yet, or make it yourself.'}
        </p>
        <div className="feed-end-actions">
          <StudioLink className="btn btn-cta" to={studioPaths.generate()}>
            Generate a shader
          </StudioLink>
          <StudioLink className="btn btn-secondary" to={studioPaths.newShader()}>
            Open the editor
          </StudioLink>
          <StudioLink className="btn btn-ghost" to={studioPaths.explore()}>
            Explore
          </StudioLink>
        </div>
      </div>
    </section>
  );
}
