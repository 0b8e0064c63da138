import { useState, type FormEvent } from 'react';
import { ErrorBanner } from '../../components/ErrorBanner.js';
import { useRegister, useSignIn } from './hooks.js';

/** Sign in to the relay, or create an account there (the relay checks and hashes the password). */
export function CommunityAccountForm() {
  const [mode, setMode] = useState<'sign-in' | 'register'>('sign-in');
  const [username, setUsername] = useState('');
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const signIn = useSignIn();
  const register = useRegister();
  const busy = signIn.isPending || register.isPending;
  const error = mode === 'sign-in' ? signIn.error : register.error;

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const done = { onSuccess: () => setPassword('') };
    if (mode === 'sign-in') signIn.mutate({ email, password }, done);
    else register.mutate({ username, email, password }, done);
  };

  return (
    <form className="inline-form" onSubmit={submit} data-testid="community-account-form" data-mode={mode}>
      {mode === 'register' ? (
        <label>
          Username <input value={username} onChange={(e) => setUsername(e.target.value)} required minLength={3} maxLength={32} pattern="[A-Za-z0-9_\-]+" autoComplete="username" data-testid="community-username" />
        </label>
      ) : null}
      <label>
        Email <input type="email" value={email} onChange={(e) => setEmail(e.target.value)} required maxLength={254} autoComplete="email" data-testid="community-email" />
      </label>
      <label>
        Password{' '}
        <input
          type="password"
          value={password}
          onChange={(e) => setPassword(e.target.value)}
          required
          minLength={mode === 'register' ? 10 : 1}
          maxLength={200}
          autoComplete={mode === 'register' ? 'new-password' : 'current-password'}
          data-testid="community-password"
        />
      </label>
      <button type="submit" className="btn btn-cta" disabled={busy} data-testid="community-submit">
        {mode === 'sign-in' ? (signIn.isPending ? 'Signing in…' : 'Sign in') : register.isPending ? 'Creating…' : 'Create account'}
      </button>
      <button type="button" className="btn btn-ghost" onClick={() => setMode(mode === 'sign-in' ? 'register' : 'sign-in')} data-testid="community-mode">
        {mode === 'sign-in' ? 'New here? Create an account' : 'Have an account? Sign in'}
      </button>
      {error ? <ErrorBanner title={mode === 'sign-in' ? 'Could not sign in' : 'Could not create the account'} error={error} /> : null}
    </form>
  );
}
