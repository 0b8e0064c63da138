import { useQueryClient } from '@tanstack/react-query';
import type { ProjectBoard } from '../../../../shared/schemas/shots.js';
import { ParsedScreenplay } from '../../../../shared/shots/screenplay.js';
import { EmptyState } from '../../../components/EmptyState.js';
import { ErrorBanner } from '../../../components/ErrorBanner.js';
import { Loading } from '../../../components/Loading.js';
import { useScreenplay } from '../api/hooks.js';
import { shotsKeys } from '../api/keys.js';
import { ScreenplayView } from './ScreenplayView.js';

/**
 * The screenplay view of a project: the document of the import just made, or else the stored
 * scenes put back together and parsed again by the host (the same parser, so the same layout).
 */
export function ProjectScreenplay({ projectId, board }: { projectId: string; board: ProjectBoard }) {
  const qc = useQueryClient();
  // The import's own document (with its title page) while it still covers every scene of the project.
  const imported = qc.getQueryData(shotsKeys.screenplay(projectId));
  const parsed = ParsedScreenplay.safeParse(imported);
  const fresh = parsed.success && parsed.data.scenes.length === board.scenes.length ? imported : undefined;
  const stored = useScreenplay(projectId, board, fresh === undefined);
  if (!board.scenes.length) return <EmptyState title="No screenplay yet">Import one with “Import screenplay”.</EmptyState>;
  if (fresh !== undefined) return <ScreenplayView document={fresh} />;
  if (stored.isPending) return <Loading label="Laying out the screenplay…" />;
  if (stored.error) return <ErrorBanner error={stored.error} title="Could not lay out the screenplay" onRetry={() => void stored.refetch()} />;
  return <ScreenplayView document={stored.data} />;
}
