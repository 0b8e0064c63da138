import { EmptyState } from '../components/EmptyState.js';
import { ErrorBanner } from '../components/ErrorBanner.js';
import { Loading } from '../components/Loading.js';
import { Page } from '../components/Page.js';
import { MediaTable } from './MediaTable.js';
import { useMedia } from './hooks.js';

export function LibraryPage() {
  const media = useMedia();
  return (
    <Page id="library" title="Library" lead="Every file the studio stores, addressed by its SHA-256, with where it came from.">
      {media.error ? <ErrorBanner title="Could not load the library" error={media.error} onRetry={() => void media.refetch()} /> : null}
      {media.isPending ? <Loading label="Loading media…" /> : null}
      {media.data && media.data.media.length === 0 ? (
        <EmptyState title="No media yet — generated files will appear here" />
      ) : null}
      {media.data && media.data.media.length > 0 ? <MediaTable media={media.data.media} /> : null}
    </Page>
  );
}
