import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState, type MouseEvent, type ReactNode } from 'react';
import type { CommunityPublication } from '../../shared/schemas/community-publish.js';
import { TERMINAL_STATUSES, type Job } from '../../shared/schemas/jobs.js';
import type { RelayItemKind } from '../../shared/schemas/relay-community.js';
import { api } from '../api/client.js';
import { errorMessage } from '../api/errors.js';
import { useEventsStore } from '../api/eventsStore.js';
import { queryKeys } from '../api/keys.js';
import { useRouter } from '../app/router.js';
import { publicationKeys } from './usePublished.js';

const UNREACHABLE = /could not be reached/;

/** The reason of a failed attempt without the runner's "Saving the result failed: " prefix. */
function reasonOf(error: string): string {
  return error.replace(/^Saving the result failed: /, '');
}

/** Deletes the item on the relay and forgets the record (two steps: a click, then a confirm). */
function RemoveFromCommunity({ pub, onRemoved }: { pub: CommunityPublication; onRemoved: () => void }) {
  const [asking, setAsking] = useState(false);
  const remove = useMutation({ mutationFn: () => api.call('community.publications.delete', { params: { id: pub.id } }), onSuccess: onRemoved });
  if (remove.error) return <span className="community-publish-error"> · {errorMessage(remove.error)}</span>;
  if (!asking) {
    return (
      <>
        {' · '}
        <button type="button" className="link" data-testid="community-unpublish" onClick={() => setAsking(true)}>
          remove
        </button>
      </>
    );
  }
  return (
    <>
      {' · Remove it from the relay (votes and comments go with it)? '}
      <button type="button" className="link" data-testid="community-unpublish-confirm" disabled={remove.isPending} onClick={() => remove.mutate()}>
        {remove.isPending ? 'removing…' : 'remove'}
      </button>{' '}
      <button type="button" className="link" onClick={() => setAsking(false)}>
        keep
      </button>
    </>
  );
}

/** The published item in the Shaders studio's Community tab (it shows every kind, read from the relay set now). */
function ItemLink({ itemId, title }: { itemId: string; title: string }) {
  const navigate = useRouter((s) => s.navigate);
  const href = `/shaders/community/${encodeURIComponent(itemId)}`;
  const open = (e: MouseEvent<HTMLAnchorElement>): void => {
    if (e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
    e.preventDefault();
    navigate(href);
  };
  return (
    <a href={href} onClick={open} className="mono" title={title} data-testid="community-published-link">
      {itemId.slice(0, 8)}
    </a>
  );
}

/** What the last publish carried, said plainly (a shortened preview, no thumbnail…). */
function PublishedNote({ pub, onRemoved }: { pub: CommunityPublication; onRemoved: () => void }) {
  return (
    <span data-testid="community-published">
      Published to community
      {pub.relayItemId ? (
        <>
          {' '}
          (item <ItemLink itemId={pub.relayItemId} title={pub.itemUrl ?? ''} />)
        </>
      ) : null}
      {pub.previewClipped ? ' · preview is a shortened clip' : ''}
      {pub.notes.length ? <small title={pub.notes.join('\n')}> · {pub.notes.length} note{pub.notes.length === 1 ? '' : 's'}</small> : null}
      <RemoveFromCommunity pub={pub} onRemoved={onRemoved} />
    </span>
  );
}

/**
 * "Publish to community" for a shader, a library video or a world prefab. The host holds the relay
 * sign-in: this queues a community.publish job and follows it (queued → publishing → published),
 * says honestly when the relay is unreachable and the job is waiting to retry, and shows
 * "Published to community" from the studio's publication record once the relay has the item.
 */
export function CommunityPublishButton(props: { kind: RelayItemKind; id: string; what: string; hint?: string | null; compact?: boolean }) {
  const { kind, id, what, hint, compact = false } = props;
  const qc = useQueryClient();
  const live = useEventsStore((s) => s.state === 'open');
  const [jobId, setJobId] = useState<string | null>(null);
  const pubs = useQuery({
    queryKey: publicationKeys.one(kind, id),
    queryFn: ({ signal }) => api.call('community.publications', { query: { kind, id }, signal }),
  });
  const pub = pubs.data?.publications.find((p) => p.currentRelay) ?? null;
  const followed = jobId ?? (pub && !pub.publishedAt ? pub.lastJobId : null);
  const job = useQuery({
    queryKey: queryKeys.jobs.detail(followed ?? ''),
    enabled: followed !== null,
    queryFn: ({ signal }) => api.call('jobs.get', { params: { id: followed! }, signal }),
    refetchInterval: (q) => (q.state.data && TERMINAL_STATUSES.includes(q.state.data.status) ? false : live ? 5000 : 1500),
  });
  const j: Job | undefined = job.data;
  // The record changes when the job ends: read it again then.
  useEffect(() => {
    if (j && TERMINAL_STATUSES.includes(j.status)) void qc.invalidateQueries({ queryKey: publicationKeys.all });
  }, [j?.status, j, qc, kind, id]);
  const publish = useMutation({
    mutationFn: () => api.call('community.publish', { body: { kind, id } }),
    onSuccess: (created) => {
      qc.setQueryData(queryKeys.jobs.detail(created.id), created);
      setJobId(created.id);
    },
  });

  const published = pub?.publishedAt ? pub : null;
  const active = j ? !TERMINAL_STATUSES.includes(j.status) : false;
  let note: ReactNode = null;
  if (publish.error) note = <span className="community-publish-error">{errorMessage(publish.error)}</span>;
  else if (published && (!j || j.status === 'succeeded')) {
    note = (
      <PublishedNote
        pub={published}
        onRemoved={() => {
          setJobId(null);
          void qc.invalidateQueries({ queryKey: publicationKeys.all });
        }}
      />
    );
  }
  else if (j?.status === 'queued' && j.error) {
    note = UNREACHABLE.test(j.error) ? (
      <span title={reasonOf(j.error)}>
        Queued: relay unreachable, will retry (attempt {j.attempts + 1} of {j.maxAttempts}).
      </span>
    ) : (
      <span title={reasonOf(j.error)}>Queued: the last attempt failed ({reasonOf(j.error).slice(0, 120)}), will retry.</span>
    );
  } else if (j?.status === 'queued') note = <span>Queued: publishes as soon as a worker is free.</span>;
  else if (j?.status === 'running' && j.attempts > 1) note = <span>Trying the relay again (attempt {j.attempts} of {j.maxAttempts})…</span>;
  else if (j?.status === 'running') note = <span>Publishing to the community relay…{j.progressMessage ? ` ${j.progressMessage}` : ''}</span>;
  else if (j?.status === 'succeeded') note = <span>Published to the community.</span>;
  else if (j && (j.status === 'failed' || j.status === 'cancelled' || j.status === 'completed_with_problems')) {
    const reason = reasonOf(j.error ?? j.status);
    note = (
      <span className="community-publish-error" title={reason}>
        Failed: {UNREACHABLE.test(reason) ? `relay unreachable after ${j.attempts} attempts` : reason}. Publish again to retry.
      </span>
    );
  } else if (hint) note = <span className="muted">{hint}</span>;

  const status = publish.error ? 'refused' : published && (!j || j.status === 'succeeded') ? 'published' : j ? (j.status === 'queued' && j.error ? 'retrying' : j.status) : 'idle';
  return (
    <span className={`community-publish${compact ? ' small' : ''}`} data-testid="community-publish" data-status={status} style={compact ? { display: 'flex', flexDirection: 'column', alignItems: 'flex-start', gap: 2 } : { display: 'inline-flex', flexWrap: 'wrap', alignItems: 'center', gap: 8 }}>
      {compact && published ? null : (
        <button
          type="button"
          className={compact ? 'link' : 'btn btn-secondary'}
          data-testid="community-publish-button"
          disabled={publish.isPending || active || !!published || pubs.isLoading}
          onClick={() => publish.mutate()}
          title={published ? `Already published to ${published.relayUrl}` : `Upload this ${what} with its thumbnail, preview and provenance to your community relay (Settings → Community)`}
        >
          {published ? 'Published' : compact ? 'publish' : 'Publish to community'}
        </button>
      )}
      {note ? (
        <span className="community-publish-note" role="status" aria-live="polite">
          {note}
        </span>
      ) : null}
    </span>
  );
}
