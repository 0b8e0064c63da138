import { useState, type FormEvent } from 'react';
import type { CommunityItemDetail } from '../../../../../shared/schemas/community-feed.js';
import { errorMessage } from '../../../../api/errors.js';
import { formatDateTime } from '../../../../components/format.js';
import { StudioLink } from '../../ui/StudioLink.js';
import { useCommunityComment } from './hooks.js';

const MAX = 2000;

/** The comment thread (plain text: React escapes it, so HTML in a comment stays text) and the box to add one. */
export function CommunityComments({ detail }: { detail: CommunityItemDetail }) {
  const [text, setText] = useState('');
  const comment = useCommunityComment(detail.item.id);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (!text.trim()) return;
    comment.mutate(text.trim(), { onSuccess: () => setText('') });
  };
  return (
    <section className="community-comments card" aria-labelledby="community-comments-title" data-testid="community-comments">
      <h3 id="community-comments-title">
        Comments <span className="muted">({detail.comments.length})</span>
      </h3>
      {detail.comments.length === 0 ? <p className="muted">No comments yet.</p> : null}
      <ol className="community-comment-list">
        {detail.comments.map((c) => (
          <li key={c.id} className="community-comment" data-testid="community-comment">
            <p className="community-comment-head muted small">
              <strong>{c.author.username}</strong> · {formatDateTime(c.createdAt)}
            </p>
            <p className="community-comment-body" data-testid="community-comment-body">
              {c.body}
            </p>
          </li>
        ))}
      </ol>
      {detail.signedIn ? (
        <form className="community-comment-form" onSubmit={submit} data-testid="community-comment-form">
          <textarea value={text} maxLength={MAX} rows={3} placeholder="Say something kind and useful" aria-label="Your comment" data-testid="community-comment-input" onChange={(e) => setText(e.target.value)} />
          <div className="community-comment-actions">
            <span className="muted small">
              {text.length}/{MAX}
            </span>
            <button type="submit" className="btn btn-cta" disabled={comment.isPending || !text.trim()} data-testid="community-comment-submit">
              {comment.isPending ? 'Posting…' : 'Comment'}
            </button>
          </div>
          {comment.error ? <p className="field-error" role="alert">{errorMessage(comment.error)}</p> : null}
        </form>
      ) : (
        <p className="muted" data-testid="community-comment-signed-out">
          Sign in in <StudioLink to="/settings">Settings → Community</StudioLink> to comment.
        </p>
      )}
    </section>
  );
}
