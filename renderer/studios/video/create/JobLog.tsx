import { useEffect, useRef, useState } from 'react';
import type { Video } from '../../../../shared/schemas/video.js';
import { useJobLogStore, type JobLogLine } from '../../../jobs/logStore.js';

interface Line extends JobLogLine {
  key: string;
}

/**
 * The pipeline's log, live: every stage change and progress message of the video as it arrives,
 * and the `job.log` lines of each job the pipeline ran while this page was open (the host does
 * not replay those).
 */
export function JobLog({ video }: { video: Video }) {
  const [timeline, setTimeline] = useState<Line[]>([]);
  const [jobIds, setJobIds] = useState<string[]>([]);
  const last = useRef('');
  useEffect(() => {
    // Progress messages already start with their stage ("composing: …"); say the status only when they do not.
    const msg = video.progressMessage;
    const text = msg && msg.startsWith(`${video.status}:`) ? msg : `${video.status}${msg ? `: ${msg}` : ''}`;
    if (text === last.current) return;
    last.current = text;
    const level: JobLogLine['level'] = video.status === 'failed' ? 'error' : 'info';
    const message = video.status === 'failed' && video.error ? `failed in ${video.error.stage} (${video.error.provider}): ${video.error.message}` : text;
    setTimeline((t) => [...t, { key: `t${t.length}`, at: Date.now(), level, message }].slice(-200));
  }, [video.status, video.progressMessage, video.error]);
  useEffect(() => {
    if (video.jobId) setJobIds((ids) => (ids.includes(video.jobId!) ? ids : [...ids, video.jobId!]));
  }, [video.jobId]);
  const logs = useJobLogStore((s) => s.logs);
  const jobLines: Line[] = jobIds.flatMap((id) => (logs[id] ?? []).map((l, i) => ({ ...l, key: `${id}-${i}` })));
  const lines = [...timeline, ...jobLines].sort((a, b) => a.at - b.at);

  const listRef = useRef<HTMLOListElement>(null);
  useEffect(() => {
    const el = listRef.current;
    if (el) el.scrollTop = el.scrollHeight;
  }, [lines.length]);

  return (
    <section className="card video-log" aria-labelledby="video-log-title">
      <h2 id="video-log-title">Job log</h2>
      <ol className="live-log video-log-lines" ref={listRef} data-testid="video-log" aria-live="polite">
        {lines.map((l) => (
          <li key={l.key} data-level={l.level}>
            <span className="log-time muted">{new Date(l.at).toLocaleTimeString()}</span> <span className="log-level">{l.level}</span> {l.message}
          </li>
        ))}
      </ol>
    </section>
  );
}
