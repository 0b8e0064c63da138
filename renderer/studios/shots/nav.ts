import { useRouter } from '../../app/router.js';

/** The Shots studio keeps its place in the query string (/shots?project=…&view=…), so the app router needs no new paths. */
export type ProjectView = 'board' | 'screenplay';

export function useShotsLocation(): { projectId: string | null; view: ProjectView } {
  const location = useRouter((s) => s.location);
  const qs = new URLSearchParams(location.split('?')[1] ?? '');
  const view = qs.get('view') === 'screenplay' ? 'screenplay' : 'board';
  return { projectId: qs.get('project'), view };
}

export const shotsPaths = {
  list: () => '/shots',
  project: (id: string, view: ProjectView = 'board') => `/shots?project=${encodeURIComponent(id)}${view === 'board' ? '' : `&view=${view}`}`,
};
