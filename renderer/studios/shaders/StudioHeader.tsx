import type { MouseEvent } from 'react';
import { studioPaths, tabOf, useNavigate, type StudioTab, type StudioView } from './nav.js';

const TABS: Array<{ id: StudioTab; label: string; to: () => string }> = [
  { id: 'feed', label: 'Feed', to: studioPaths.feed },
  { id: 'community', label: 'Community', to: () => studioPaths.community() },
  { id: 'explore', label: 'Explore', to: () => studioPaths.explore() },
  { id: 'editor', label: 'Editor', to: () => studioPaths.newShader() },
  { id: 'desires', label: 'Desires', to: studioPaths.desires },
  { id: 'generate', label: 'Generate', to: () => studioPaths.generate() },
  { id: 'review', label: 'Review', to: studioPaths.review },
];

/** In-app link: plain clicks navigate through the router, modified clicks keep browser behaviour. */
export function useLinkHandler(): (e: MouseEvent<HTMLAnchorElement>, to: string) => void {
  const navigate = useNavigate();
  return (e, to) => {
    if (e.defaultPrevented || e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
    e.preventDefault();
    navigate(to);
  };
}

export function StudioHeader({ view }: { view: StudioView }) {
  const current = tabOf(view);
  const onLink = useLinkHandler();
  return (
    <header className="studio-header">
      <h1 id="page-title-shaders" className="studio-title">
        Shaders
      </h1>
      <nav className="studio-tabs" aria-label="Shaders studio">
        {TABS.map((t) => {
          const to = t.to();
          return (
            <a
              key={t.id}
              href={to}
              className="studio-tab"
              data-testid={`shaders-tab-${t.id}`}
              aria-current={current === t.id ? 'page' : undefined}
              onClick={(e) => onLink(e, to)}
            >
              {t.label}
            </a>
          );
        })}
      </nav>
    </header>
  );
}
