import { useMemo } from 'react';
import type { Shader } from '../../../../shared/schemas/shaders.js';
import { useShaderList } from '../api/hooks.js';
import { studioPaths } from '../nav.js';
import { StudioLink } from '../ui/StudioLink.js';

/** Where this shader came from (its parent) and what grew out of it (its forks). */
export function Lineage({ shader }: { shader: Shader }) {
  const forks = useShaderList({ forkedFrom: shader.id, sort: 'new' }, shader.forkCount > 0);
  const items = useMemo(() => forks.data?.pages.flatMap((p) => p.items) ?? [], [forks.data]);
  return (
    <section className="card lineage" data-testid="lineage">
      <h3>Lineage</h3>
      {shader.forkedFrom ? (
        <p>
          Forked from{' '}
          {shader.forkedFrom.title ? <StudioLink to={studioPaths.detail(shader.forkedFrom.id)} data-testid="lineage-parent">{shader.forkedFrom.title}</StudioLink> : <span className="muted">a deleted shader</span>}
        </p>
      ) : (
        <p className="muted">An original — not a fork.</p>
      )}
      <p className="lineage-count">
        {shader.forkCount} fork{shader.forkCount === 1 ? '' : 's'}
      </p>
      {items.length ? (
        <ul className="lineage-forks">
          {items.map((f) => (
            <li key={f.id}>
              <StudioLink to={studioPaths.detail(f.id)}>{f.title}</StudioLink> <span className="muted small">by {f.author?.username ?? 'unknown'}</span>
            </li>
          ))}
        </ul>
      ) : null}
    </section>
  );
}
