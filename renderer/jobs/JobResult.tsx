import { SystemDiagnoseOutput, systemDiagnose } from '../../shared/jobs/system-diagnose.js';
import type { Job } from '../../shared/schemas/jobs.js';
import { JsonView } from '../components/JsonView.js';
import { ProbeTable } from '../components/ProbeTable.js';

/** Kind-aware result view: a probe table for system.diagnose, pretty JSON for anything else. */
export function JobResult({ job }: { job: Job }) {
  if (job.result === null || job.result === undefined) {
    return <p className="muted">No result {job.status === 'queued' || job.status === 'running' ? 'yet' : 'was recorded'}.</p>;
  }
  if (job.kind === systemDiagnose.kind) {
    const parsed = SystemDiagnoseOutput.safeParse(job.result);
    if (parsed.success) {
      const problems = parsed.data.probes.filter((p) => p.status !== 'ok').length;
      return (
        <div className="diagnose-result" data-testid="diagnose-result">
          <p className={parsed.data.ok ? 'result-ok' : 'result-bad'}>
            {parsed.data.ok
              ? `No errors${problems ? ` (${problems} probe${problems === 1 ? ' needs' : 's need'} attention)` : ' — every probe passed'}.`
              : `${problems} probe${problems === 1 ? '' : 's'} reported a problem.`}
          </p>
          <ProbeTable probes={parsed.data.probes} />
        </div>
      );
    }
  }
  return <JsonView value={job.result} label={`Result of ${job.kind}`} />;
}
