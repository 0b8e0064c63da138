import { lazy, Suspense, useMemo } from 'react';
import { useRouter } from '../../app/router.js';
import { EmptyState } from '../../components/EmptyState.js';
import { Loading } from '../../components/Loading.js';
import { DesiresView } from './desires/DesiresView.js';
import { ExploreView } from './explore/ExploreView.js';
import { SimilarView } from './explore/SimilarView.js';
import { FeedView } from './feed/FeedView.js';
import { GenerateView } from './generate/GenerateView.js';
import { parseStudioLocation, studioPaths, type StudioView } from './nav.js';
import { ReviewView } from './review/ReviewView.js';
import { CommunityItemView } from './community/feed/CommunityItemView.js';
import { CommunityView } from './community/feed/CommunityView.js';
import { StudioHeader } from './StudioHeader.js';
import { StudioLink } from './ui/StudioLink.js';
import { Toaster } from './ui/Toaster.js';
import './shaders.css';

// Monaco is large: only the editor and detail views pull it in.
const EditorView = lazy(() => import('./editor/EditorView.js').then((m) => ({ default: m.EditorView })));
const DetailView = lazy(() => import('./detail/DetailView.js').then((m) => ({ default: m.DetailView })));

function ViewFor({ view }: { view: StudioView }) {
  switch (view.view) {
    case 'feed':
      return <FeedView />;
    case 'explore': {
      const similar = view.params.get('similar');
      return similar ? <SimilarView key={similar} id={similar} /> : <ExploreView params={view.params} />;
    }
    case 'editor':
      // A new key per shader: switching shaders starts a fresh draft instead of merging two.
      return <EditorView key={view.id ?? `new:${view.params.toString()}`} id={view.id} params={view.params} />;
    case 'detail':
      return <DetailView key={view.id} id={view.id} />;
    case 'desires':
      return <DesiresView />;
    case 'generate':
      return <GenerateView params={view.params} />;
    case 'review':
      return (
        <div className="studio-pad">
          <ReviewView />
        </div>
      );
    case 'community':
      return <CommunityView params={view.params} />;
    case 'communityItem':
      return <CommunityItemView key={view.id} id={view.id} />;
    case 'unknown':
      return (
        <div className="studio-pad">
          <EmptyState title="Nothing lives at this address">
            <p>
              <code>{view.path}</code> is not a page of the Shaders studio. <StudioLink to={studioPaths.feed()}>Back to the feed</StudioLink>.
            </p>
          </EmptyState>
        </div>
      );
  }
}

/** The Shaders studio: feed, explore, editor, shader detail, desires and generation under /shaders/*. */
export function ShadersPage() {
  const location = useRouter((s) => s.location);
  const view = useMemo(() => parseStudioLocation(location), [location]);
  return (
    <section className="shaders-studio" data-testid="page-shaders" data-view={view.view} aria-labelledby="page-title-shaders">
      <StudioHeader view={view} />
      <div className="studio-body">
        <Suspense fallback={<div className="studio-pad"><Loading label="Loading the editor…" /></div>}>
          <ViewFor view={view} />
        </Suspense>
      </div>
      <Toaster />
    </section>
  );
}
