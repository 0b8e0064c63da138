import type { Shader } from '../../../../shared/schemas/shaders.js';
import { useRenderJob } from '../api/hooks.js';
import './render-status.css';

interface Props {
  shader: Shader | undefined;
  dirty: boolean;
  /** The editor's own compile; left out elsewhere. */
  previewOk?: boolean | null;
}

/** Where the stored version stands with the host's renderer, live from job events. */
export function RenderStatus({ shader, dirty, previewOk }: Props) {
  const job = useRenderJob(shader?.lastRenderJobId ?? null);
  const running = job.data && (job.data.status === 'running' || job.data.status === 'queued');
  const status = shader?.renderStatus ?? 'draft';
  const title = shader?.renderError ?? (shader ? `Render ${shader.renderStatus}` : 'Not saved yet');
  return (
    <div className="render-status" data-testid="render-status" data-status={status} title={title}>
      {previewOk !== undefined ? (
        <span className="render-preview" data-ok={previewOk === null ? 'unknown' : String(previewOk)}>
          {previewOk === null ? 'compiling' : previewOk ? 'preview ok' : 'preview broken'}
        </span>
      ) : null}
      {shader ? (
        <span className="status-chip" data-status={status}>
          {status === 'ready' ? 'rendered' : status}
          {running && job.data ? ` ${Math.round(job.data.progress * 100)}%` : ''}
        </span>
      ) : (
        <span className="status-chip">unsaved</span>
      )}
      {shader?.status === 'published' ? <span className="status-chip" data-status="ready">published</span> : shader ? <span className="status-chip">draft</span> : null}
      {dirty && shader ? <span className="render-dirty">unsaved changes</span> : null}
    </div>
  );
}
