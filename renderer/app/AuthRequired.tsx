import type { AuthStatus } from '../api/authStore.js';

/** Full-page stop when there is no usable token; nothing else can work without one. */
export function AuthRequired({ status }: { status: Exclude<AuthStatus, 'ok'> }) {
  return (
    <main className="auth-required" data-testid="auth-required" data-reason={status}>
      <div className="auth-card">
        <span className="wordmark">Auteur</span>
        <h1>Access token needed</h1>
        <p>
          This studio needs its access token — open the link printed by <code>auteur serve</code> (it ends in{' '}
          <code>?token=…</code>)
        </p>
        {status === 'rejected' ? (
          <p className="muted">
            The host did not accept the token this page had. A new token is printed each time the host starts, so an
            older link stops working.
          </p>
        ) : null}
      </div>
    </main>
  );
}
