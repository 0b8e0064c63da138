import { useState } from 'react';
import { errorMessage } from '../../../api/errors.js';

/**
 * One action at a time with what it is doing and why it failed: the session panels (LAN invite,
 * hosting on the relay) disable their buttons while `busy` says what runs.
 */
export function useBusyAction() {
  const [busy, setBusy] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const run = async (what: string, fn: () => Promise<void>): Promise<void> => {
    setBusy(what);
    setError(null);
    try {
      await fn();
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setBusy(null);
    }
  };
  return { busy, error, setError, run };
}
