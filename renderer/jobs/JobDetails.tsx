import type { Job } from '../../shared/schemas/jobs.js';
import { JsonView } from '../components/JsonView.js';
import { AttemptLog } from './AttemptLog.js';
import { JobResult } from './JobResult.js';
import { LiveLog } from './LiveLog.js';

export function JobDetails({ id, job }: { id: string; job: Job }) {
  return (
    <div className="job-details" id={id} data-testid="job-details">
      <section className="job-section">
        <h3>Result</h3>
        <JobResult job={job} />
      </section>
      <section className="job-section">
        <h3>Attempts</h3>
        <AttemptLog attempts={job.attemptLog} />
      </section>
      <LiveLog jobId={job.id} />
      <section className="job-section">
        <h3>Input</h3>
        <JsonView value={job.input} label={`Input of ${job.kind}`} />
        <p className="muted small mono">id {job.id}</p>
      </section>
    </div>
  );
}
