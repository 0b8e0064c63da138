import { useEffect, useState, type FormEvent } from 'react';
import { ErrorBanner } from '../../components/ErrorBanner.js';
import { Loading } from '../../components/Loading.js';
import { CommunityAccountForm } from './CommunityAccountForm.js';
import { useCommunity, useRelayCheck, useSetRelay, useSignOut } from './hooks.js';

/**
 * Settings → Community: which relay this studio shares to and the account used there. The
 * host talks to the relay and keeps the tokens (encrypted); this page never sees them.
 */
export function CommunitySection() {
  const status = useCommunity();
  const setRelay = useSetRelay();
  const signOut = useSignOut();
  const [url, setUrl] = useState('');
  const relayUrl = status.data?.relayUrl ?? null;
  const check = useRelayCheck(Boolean(relayUrl));
  useEffect(() => setUrl(relayUrl ?? ''), [relayUrl]);

  const save = (e: FormEvent) => {
    e.preventDefault();
    setRelay.mutate(url.trim() ? url.trim() : null);
  };

  return (
    <section className="card" aria-labelledby="community-title" data-testid="community-section" id="community">
      <h2 id="community-title">Community</h2>
      <p className="muted">
        An optional community relay to publish shaders to and see what others made. The studio works fully without one. Sign-in tokens stay in the
        host, encrypted{status.data ? ` (${status.data.encryption})` : ''}.
      </p>
      {status.error ? <ErrorBanner title="Could not load community settings" error={status.error} onRetry={() => void status.refetch()} /> : null}
      {status.isPending ? <Loading label="Loading community settings…" /> : null}
      {status.data ? (
        <>
          <form className="inline-form" onSubmit={save} data-testid="community-relay-form">
            <label>
              Relay URL{' '}
              <input value={url} onChange={(e) => setUrl(e.target.value)} placeholder="http://127.0.0.1:4880" maxLength={500} data-testid="community-relay-url" />
            </label>
            <button type="submit" className="btn btn-secondary" disabled={setRelay.isPending || url.trim() === (relayUrl ?? '')} data-testid="community-relay-save">
              {url.trim() ? 'Save' : 'Remove relay'}
            </button>
          </form>
          {setRelay.error ? <ErrorBanner title="Could not save the relay URL" error={setRelay.error} /> : null}
          {relayUrl && check.data ? (
            <p className={check.data.reachable ? 'muted small' : 'error-text'} role="status" data-testid="community-relay-check" data-reachable={String(check.data.reachable)}>
              {check.data.message}
            </p>
          ) : null}
          {relayUrl && check.isFetching && !check.data ? <Loading label="Checking the relay…" /> : null}
          {status.data.problem ? (
            <p className="error-text" data-testid="community-problem">
              {status.data.problem}
            </p>
          ) : null}
          {relayUrl && status.data.signedIn && status.data.user ? (
            <div className="inline-form" data-testid="community-signed-in">
              <span>
                Signed in as <strong>{status.data.user.username}</strong> ({status.data.user.email}) · {status.data.user.tier} tier
              </span>
              <button type="button" className="btn btn-ghost" disabled={signOut.isPending} onClick={() => signOut.mutate()} data-testid="community-sign-out">
                Sign out
              </button>
            </div>
          ) : null}
          {signOut.error ? <ErrorBanner title="Could not sign out" error={signOut.error} /> : null}
          {relayUrl && !status.data.signedIn ? <CommunityAccountForm /> : null}
          {!relayUrl ? <p className="muted small">Set a relay URL to sign in. Run one yourself with <code>node bin/auteur-relay.js</code>.</p> : null}
        </>
      ) : null}
    </section>
  );
}
