import { useState } from 'react';
import type { Desire } from '../../../../../shared/schemas/desires.js';
import { errorMessage } from '../../../../api/errors.js';
import { TipStatus } from './TipStatus.js';
import { useBountyPosts, usePostBounty } from './hooks.js';

/**
 * "Post to community board" on a local desire: optionally with a tip, paid on the relay's Stripe
 * Checkout page (opened in the browser). Hidden while no relay is set; once posted, the tip's
 * state as the relay reports it.
 */
export function PostToBoard({ desire }: { desire: Desire }) {
  const posts = useBountyPosts();
  const post = usePostBounty();
  const [open, setOpen] = useState(false);
  const [tip, setTip] = useState('');
  if (!posts.isSuccess) return null;
  const mine = posts.data.posts.find((p) => p.desireId === desire.id);
  if (mine) return <TipStatus post={mine} />;
  if (desire.status !== 'open' && desire.status !== 'in_progress') return null;
  if (!open) {
    return (
      <button type="button" className="btn btn-ghost btn-small bounty-post-open" data-testid="bounty-post-open" onClick={() => setOpen(true)}>
        Post to community board
      </button>
    );
  }
  const dollars = tip.trim() === '' ? 0 : Number(tip);
  const bad = !Number.isFinite(dollars) || (dollars !== 0 && (dollars < 1 || dollars > 1000));
  return (
    <form
      className="bounty-post"
      data-testid="bounty-post-form"
      onSubmit={(e) => {
        e.preventDefault();
        if (bad) return;
        const tipCents = Math.round(dollars * 100);
        post.mutate(
          { desireId: desire.id, ...(tipCents ? { tipCents } : {}) },
          {
            onSuccess: (r) => {
              const url = r.desire.post?.checkoutUrl;
              // The payment happens in the user's browser (the shell opens new windows externally).
              if (url) window.open(url, '_blank', 'noopener');
              setOpen(false);
            },
          },
        );
      }}
    >
      <label className="small">
        Tip (optional, US $){' '}
        <input type="number" min={1} max={1000} step="0.01" value={tip} onChange={(e) => setTip(e.target.value)} placeholder="0" data-testid="bounty-post-tip" className="bounty-tip-input" />
      </label>
      <button type="submit" className="btn btn-cta btn-small" disabled={bad || post.isPending} data-testid="bounty-post-submit">
        {post.isPending ? 'Posting…' : dollars ? 'Post and pay the tip' : 'Post'}
      </button>
      <button type="button" className="btn btn-ghost btn-small" onClick={() => setOpen(false)}>
        Cancel
      </button>
      {bad ? <span className="field-error">A tip is between $1.00 and $1,000.</span> : null}
      {post.isError ? (
        <p className="field-error" role="alert" data-testid="bounty-post-error">
          {errorMessage(post.error)}
        </p>
      ) : null}
    </form>
  );
}
