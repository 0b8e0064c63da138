import { useMemo } from 'react';
import type { CommunityItemDetail } from '../../../../../shared/schemas/community-feed.js';
import { shaderSourceFromPayload } from '../../../../../shared/community/shader-payload.js';
import { useAuthedMedia } from '../../../../api/authed-media.js';
import { errorMessage } from '../../../../api/errors.js';
import { formatDateTime } from '../../../../components/format.js';
import { Loading } from '../../../../components/Loading.js';
import { ShaderCanvas } from '../../canvas/ShaderCanvas.js';
import { PRIORITY } from '../../canvas/context-budget.js';
import { studioPaths, useNavigate } from '../../nav.js';
import { StudioLink } from '../../ui/StudioLink.js';
import { CommunityThumb } from './CommunityCard.js';
import { CommunityComments } from './CommunityComments.js';
import { RelayProblem } from './RelayProblem.js';
import { useCommunityItem, useCommunityVote, useOpenCommunityShader } from './hooks.js';
import './community-feed.css';

export const SIGN_IN_HINT = 'Sign in in Settings → Community to vote and comment.';

/** A shader plays live from its published source; a video plays its preview; anything else shows the thumbnail. */
function ItemMedia({ detail }: { detail: CommunityItemDetail }) {
  const { item } = detail;
  const source = useMemo(() => {
    if (item.kind !== 'shader') return null;
    const parsed = shaderSourceFromPayload(detail.payload);
    return 'source' in parsed ? parsed.source : null;
  }, [item.kind, detail.payload]);
  const preview = useAuthedMedia(item.kind === 'video' ? item.previewUrl : null);
  if (source) return <ShaderCanvas source={source} priority={PRIORITY.focus} thumbnailUrl={item.thumbnailUrl} maxDpr={2} label={`Live shader: ${item.title}`} className="community-item-canvas" />;
  if (preview.url) return <video className="community-item-video" src={preview.url} controls loop muted playsInline data-testid="community-item-video" />;
  return <CommunityThumb item={item} className="community-item-thumb" />;
}

function VoteToggle({ detail }: { detail: CommunityItemDetail }) {
  const vote = useCommunityVote(detail.item.id);
  const mine = detail.myVote ?? 0;
  const { upvotes, downvotes } = detail.item;
  const disabled = !detail.signedIn || vote.isPending;
  const title = detail.signedIn ? undefined : SIGN_IN_HINT;
  return (
    <div className="community-votes" data-testid="community-votes" data-my-vote={mine}>
      <button type="button" className="btn btn-secondary" aria-pressed={mine === 1} disabled={disabled} title={title ?? (mine === 1 ? 'Take back your upvote' : 'Upvote')} data-testid="community-upvote" onClick={() => vote.mutate(mine === 1 ? 0 : 1)}>
        ▲ <span data-testid="community-upvotes">{upvotes}</span>
      </button>
      <button type="button" className="btn btn-secondary" aria-pressed={mine === -1} disabled={disabled} title={title ?? (mine === -1 ? 'Take back your downvote' : 'Downvote')} data-testid="community-downvote" onClick={() => vote.mutate(mine === -1 ? 0 : -1)}>
        ▼ <span data-testid="community-downvotes">{downvotes}</span>
      </button>
      {!detail.signedIn ? <span className="muted small" data-testid="community-sign-in-hint">{SIGN_IN_HINT}</span> : null}
      {vote.error ? <span className="field-error" role="alert">{errorMessage(vote.error)}</span> : null}
    </div>
  );
}

function OpenInEditor({ id }: { id: string }) {
  const navigate = useNavigate();
  const open = useOpenCommunityShader(id);
  return (
    <div className="community-open">
      <button type="button" className="btn btn-cta" data-testid="community-open-editor" disabled={open.isPending} onClick={() => open.mutate(undefined, { onSuccess: (r) => navigate(studioPaths.edit(r.shaderId)) })}>
        {open.isPending ? 'Opening…' : 'Open in editor'}
      </button>
      <span className="muted small">Makes a local draft that remembers where it came from.</span>
      {open.error ? <p className="field-error" role="alert">{errorMessage(open.error)}</p> : null}
    </div>
  );
}

/** One community item: media, who made it and how, votes, Open in editor, and the comment thread. */
export function CommunityItemView({ id }: { id: string }) {
  const q = useCommunityItem(id);
  const back = <StudioLink to={studioPaths.community()}>← Community</StudioLink>;
  if (q.isPending) return <div className="studio-pad"><Loading label="Reading the item from the relay…" /></div>;
  if (q.isError) {
    return (
      <div className="studio-pad community-item">
        <p>{back}</p>
        <RelayProblem error={q.error} onRetry={() => void q.refetch()} />
      </div>
    );
  }
  const detail = q.data;
  const { item } = detail;
  const prov = item.provenance;
  return (
    <div className="studio-pad community-item" data-testid="community-item" data-item-id={item.id}>
      <p className="community-back">{back}</p>
      <div className="community-item-layout">
        <div className="community-item-media">
          <ItemMedia detail={detail} />
        </div>
        <section className="community-item-info card" aria-labelledby="community-item-title">
          <h2 id="community-item-title" data-testid="community-item-title">
            {item.title}
          </h2>
          <p className="muted small">
            {item.kind} by <strong data-testid="community-item-author">{item.author.username}</strong> · {formatDateTime(item.createdAt)}
            {prov.generator !== 'human' ? ` · ${prov.generator === 'ai' ? 'AI-generated' : 'made with AI'}${prov.model ? ` (${prov.model})` : ''}` : ''}
          </p>
          {item.description ? <p className="community-item-description">{item.description}</p> : null}
          {item.tags.length ? (
            <p className="community-item-tags">
              {item.tags.map((t) => (
                <span key={t} className="chip">
                  {t}
                </span>
              ))}
            </p>
          ) : null}
          <VoteToggle detail={detail} />
          {item.kind === 'shader' ? <OpenInEditor id={item.id} /> : null}
          <p className="muted small">
            On <code>{detail.relayUrl}</code>
          </p>
        </section>
      </div>
      <CommunityComments detail={detail} />
    </div>
  );
}
