import { studioPaths } from '../nav.js';
import { StudioLink } from '../ui/StudioLink.js';
import { feedEmptyReason } from './empty-reason.js';
import { useFeedStatus } from './useFeedStatus.js';

const PATHS = { jobs: '/jobs', edit: studioPaths.edit, review: studioPaths.review(), explore: studioPaths.explore({ sort: 'new' }), doctor: '/settings' };

/**
 * The last slide, or the only one when the feed is empty: then it says why (from GET
 * /feed/status: renders pending or failed, everything hidden, nothing published, all seen)
 * and what to do about it.
 */
export function FeedEnd({ empty = false, height }: { empty?: boolean; height?: number }) {
  const status = useFeedStatus(empty);
  const reason = empty ? feedEmptyReason(status.data, PATHS) : null;
  return (
    <section className="feed-slide feed-end" style={height ? { height } : undefined} data-testid="feed-end" data-reason={reason?.kind}>
      <div className="feed-end-inner">
        <h2>{reason ? reason.title : 'You have seen everything for now'}</h2>
        <p className="muted" data-testid="feed-end-detail">
          {reason ? (status.isError ? 'Shaders join the feed once they have rendered. (Could not check why the feed is empty.)' : reason.detail) : 'Ask for something that does not exist yet, or make it yourself.'}
        </p>
        <div className="feed-end-actions">
          {reason?.action ? (
            <StudioLink className="btn btn-cta" to={reason.action.to} data-testid="feed-end-action">
              {reason.action.label}
            </StudioLink>
          ) : null}
          <StudioLink className={reason?.action ? 'btn btn-secondary' : 'btn btn-cta'} to={studioPaths.generate()}>
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
