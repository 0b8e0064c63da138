import { expect } from 'vitest';
import { ProviderError } from '../../worker/providers/types.js';

/** Awaits a promise that must reject with a ProviderError, and returns it. */
export async function providerFailure(p: Promise<unknown>): Promise<ProviderError> {
  try {
    await p;
  } catch (err) {
    if (!(err instanceof ProviderError)) throw new Error(`expected a ProviderError, got ${(err as Error)?.stack ?? String(err)}`);
    return err;
  }
  throw new Error('expected a ProviderError, but the call succeeded');
}

/** A log sink that remembers every line. */
export function captureLog(): { lines: string[]; log: (level: string, message: string) => void } {
  const lines: string[] = [];
  return { lines, log: (level, message) => lines.push(`${level} ${message}`) };
}

/** No secret (nor a recognizable piece of it) in any of the texts. */
export function expectNoSecret(secret: string, texts: string[]): void {
  for (const t of texts) {
    expect(t).not.toContain(secret);
    expect(t).not.toContain(secret.slice(-8));
  }
}
