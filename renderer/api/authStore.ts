import { create } from 'zustand';
import { forgetToken, resolveConnection } from './auth.js';

/** ok: we have a token; missing: none was given; rejected: the host answered 401. */
export type AuthStatus = 'ok' | 'missing' | 'rejected';

interface AuthState {
  status: AuthStatus;
  markRejected(): void;
}

export const useAuthStore = create<AuthState>()((set) => ({
  status: 'missing',
  markRejected: () => {
    forgetToken();
    set({ status: 'rejected' });
  },
}));

/** Run once before the first render: resolves the token and strips it from the URL. */
export function initAuth(): void {
  const { token } = resolveConnection();
  useAuthStore.setState({ status: token ? 'ok' : 'missing' });
}
