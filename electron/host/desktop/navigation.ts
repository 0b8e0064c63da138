/**
 * URL policy for the desktop window: what it may navigate to (only the host origin) and
 * which links may be handed to the OS browser (only http(s) to non-local hosts).
 */

function parse(url: string): URL | null {
  try {
    return new URL(url);
  } catch {
    return null;
  }
}

/** True only for http(s) URLs whose origin equals `hostOrigin` (opaque origins never match). */
export function isSameOrigin(url: string, hostOrigin: string): boolean {
  const a = parse(url);
  const b = parse(hostOrigin);
  if (!a || !b) return false;
  if (a.protocol !== 'http:' && a.protocol !== 'https:') return false;
  return a.origin === b.origin;
}

/** Loopback, unspecified and `*.localhost` names: the user's own machine. */
export function isLocalHostname(hostname: string): boolean {
  const h = hostname.toLowerCase().replace(/\.$/, '');
  if (h === 'localhost' || h.endsWith('.localhost')) return true;
  // WHATWG URL already normalises IPv4 forms (0x7f.1, 2130706433, …) to dotted decimal.
  if (/^127\.\d+\.\d+\.\d+$/.test(h) || h === '0.0.0.0') return true;
  if (h.startsWith('[') && h.endsWith(']')) {
    const v6 = h.slice(1, -1);
    if (v6 === '::1' || v6 === '::') return true;
    // IPv4-mapped loopback/unspecified, as normalised by URL: ::ffff:7fxx:xxxx, ::ffff:0:0
    if (/^::ffff:7f[0-9a-f]{2}:[0-9a-f]{1,4}$/.test(v6) || v6 === '::ffff:0:0') return true;
  }
  return false;
}

/**
 * Whether a URL may be opened in the user's browser with shell.openExternal:
 * only http: and https: to non-local hosts, without embedded credentials.
 * file:, javascript:, data:, custom schemes and anything unparsable are refused.
 */
export function isSafeExternalUrl(url: string): boolean {
  const u = parse(url);
  if (!u) return false;
  if (u.protocol !== 'https:' && u.protocol !== 'http:') return false;
  if (u.hostname === '' || u.username !== '' || u.password !== '') return false;
  return !isLocalHostname(u.hostname);
}
