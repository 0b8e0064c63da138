import { useState, type FormEvent } from 'react';
import { errorMessage } from '../../../api/errors.js';
import { ErrorBanner } from '../../../components/ErrorBanner.js';
import { Loading } from '../../../components/Loading.js';
import { useAddComment, useComments } from '../api/hooks.js';
import { relativeTime } from '../ui/time.js';

/** Comments on a shader, oldest first, with a box to add one. */
export function Comments({ shaderId }: { shaderId: string }) {
  const comments = useComments(shaderId);
  const add = useAddComment(shaderId);
  const [text, setText] = useState('');

  const submit = (e: FormEvent): void => {
    e.preventDefault();
    add.mutate(text.trim(), { onSuccess: () => setText('') });
  };

  return (
    <section className="comments" data-testid="comments">
      {comments.isPending ? (
        <Loading label="Loading comments…" />
      ) : comments.isError ? (
        <ErrorBanner title="Could not load comments" error={comments.error} />
      ) : comments.data.comments.length === 0 ? (
        <p className="muted">No comments yet — say what you see.</p>
      ) : (
        <ol className="comment-list">
          {comments.data.comments.map((c) => (
            <li key={c.id} className="comment" data-testid="comment">
              <div className="comment-head">
                <strong>{c.author?.username ?? 'unknown'}</strong>
                <span className="muted small">{relativeTime(c.createdAt)}</span>
              </div>
              <p className="comment-body">{c.body}</p>
            </li>
          ))}
        </ol>
      )}
      <form className="comment-form" onSubmit={submit}>
        <textarea className="textarea" data-testid="comment-input" placeholder="Add a comment…" value={text} maxLength={2000} onChange={(e) => setText(e.target.value)} />
        {add.isError ? <p className="field-error" role="alert">{errorMessage(add.error)}</p> : null}
        <button type="submit" className="btn btn-secondary" data-testid="comment-submit" disabled={add.isPending || !text.trim()}>
          {add.isPending ? 'Posting…' : 'Comment'}
        </button>
      </form>
    </section>
  );
}
