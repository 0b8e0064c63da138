import { useQuery } from '@tanstack/react-query';
import { api } from '../../../api/client.js';
import { ErrorBanner } from '../../../components/ErrorBanner.js';
import { Loading } from '../../../components/Loading.js';
import { studioPaths } from '../nav.js';
import { StudioLink } from '../ui/StudioLink.js';
import { ShaderTile } from './ShaderTile.js';
import './explore.css';

/** "More like this": the shaders nearest to one shader's style vector, nearest first. */
export function SimilarView({ id }: { id: string }) {
  const base = useQuery({ queryKey: ['shader', id], queryFn: ({ signal }) => api.call('shaders.get', { params: { id }, signal }) });
  const similar = useQuery({ queryKey: ['shader-similar', id], queryFn: ({ signal }) => api.call('shaders.similar', { params: { id }, query: { limit: 24 }, signal }) });
  return (
    <div className="explore studio-pad" data-testid="similar-view">
      <h2>
        More like {base.data ? <StudioLink to={studioPaths.detail(id)}>{base.data.title}</StudioLink> : 'this shader'}
      </h2>
      <p className="muted small">Nearest by style: colour, contrast, motion and structure of the rendered frames, the GLSL, and the words.</p>
      {similar.isPending ? <Loading label="Finding neighbours…" /> : null}
      {similar.error ? <ErrorBanner title="Could not find similar shaders" error={similar.error} onRetry={() => void similar.refetch()} /> : null}
      {similar.data && similar.data.items.length === 0 ? (
        <p className="muted" data-testid="similar-empty">
          No neighbours yet: this shader has no finished render, or nothing else is published. <StudioLink to={studioPaths.explore()}>Explore everything</StudioLink>.
        </p>
      ) : null}
      {similar.data && similar.data.items.length > 0 ? (
        <div className="explore-grid" data-testid="explore-grid">
          {similar.data.items.map((s) => (
            <ShaderTile key={s.id} shader={s} />
          ))}
        </div>
      ) : null}
    </div>
  );
}
