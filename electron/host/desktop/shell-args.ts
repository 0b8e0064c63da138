/**
 * The two command-line flags through which the main process hands the host URL and the
 * session token to the sandboxed preload (via `webPreferences.additionalArguments`).
 *
 * The preload (electron/shell/preload.cts) cannot import this module — a sandboxed preload
 * can only `require('electron')` — so it repeats the same two flag strings and the same
 * "first occurrence, empty means absent" rule. A unit test checks the preload source for them.
 */
export const API_ARG_PREFIX = '--auteur-api=';
export const TOKEN_ARG_PREFIX = '--auteur-token=';

export interface ShellArgs {
  apiBase: string | null;
  token: string | null;
}

function readFlag(argv: readonly string[], prefix: string): string | null {
  const arg = argv.find((a) => a.startsWith(prefix));
  if (arg === undefined) return null;
  const value = arg.slice(prefix.length);
  return value === '' ? null : value;
}

export function parseShellArgs(argv: readonly string[]): ShellArgs {
  return { apiBase: readFlag(argv, API_ARG_PREFIX), token: readFlag(argv, TOKEN_ARG_PREFIX) };
}

/** The inverse of parseShellArgs: what the main process puts into `additionalArguments`. */
export function buildShellArgs(apiBase: string, token: string): string[] {
  return [`${API_ARG_PREFIX}${apiBase}`, `${TOKEN_ARG_PREFIX}${token}`];
}
