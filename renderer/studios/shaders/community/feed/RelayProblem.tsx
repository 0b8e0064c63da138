import { ApiRequestError } from '../../../../api/errors.js';
import { ErrorBanner } from '../../../../components/ErrorBanner.js';
import { StudioLink } from '../../ui/StudioLink.js';

/** Why the feed could not be read, in words that say what to do. */
export function RelayProblem({ error, onRetry }: { error: unknown; onRetry: () => void }) {
  const code = error instanceof ApiRequestError ? error.code : '';
  if (code === 'community_not_configured') {
    return (
      <div className="empty-state" data-testid="community-not-configured">
        <p className="empty-title">No community relay is set</p>
        <p>
          The Community tab shows what people publish on a community relay. Add its address under{' '}
          <StudioLink to="/settings">Settings → Community</StudioLink> (run your own with <code>node bin/auteur-relay.js</code>).
        </p>
      </div>
    );
  }
  const title = code === 'relay_unreachable' ? 'The community relay is not answering' : code === 'relay_rate_limited' ? 'The relay asks to slow down' : 'Could not read the community relay';
  return (
    <div data-testid="community-relay-error" data-code={code}>
      <ErrorBanner title={title} error={error} onRetry={onRetry} />
    </div>
  );
}
