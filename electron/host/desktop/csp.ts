/**
 * Content-Security-Policy the desktop shell sets on every response of the host.
 * Scripts: own origin plus WebAssembly compilation only — never 'unsafe-eval' or inline script.
 */

const LOOPBACK_NAMES = ['127.0.0.1', 'localhost'] as const;

/** ws(s) sources for the host's event socket: the origin's own host plus both loopback spellings. */
function socketSources(origin: URL): string[] {
  const scheme = origin.protocol === 'https:' ? 'wss:' : 'ws:';
  const port = origin.port || (origin.protocol === 'https:' ? '443' : '80');
  const hosts = new Set<string>([origin.hostname]);
  if ((LOOPBACK_NAMES as readonly string[]).includes(origin.hostname)) {
    for (const h of LOOPBACK_NAMES) hosts.add(h);
  }
  return [...hosts].map((h) => `${scheme}//${h}:${port}`);
}

/** frameSources: origins the studio may frame (the arcade origin, whose games run sandboxed in iframes). */
export function buildCsp(hostOrigin: string, opts: { frameSources?: readonly string[] } = {}): string {
  let origin: URL;
  try {
    origin = new URL(hostOrigin);
  } catch {
    throw new Error(`buildCsp: invalid host origin ${JSON.stringify(hostOrigin)}`);
  }
  if (origin.protocol !== 'http:' && origin.protocol !== 'https:') {
    throw new Error(`buildCsp: host origin must be http(s), got ${origin.protocol}`);
  }
  const directives: Array<[string, string[]]> = [
    ['default-src', ["'self'"]],
    ['script-src', ["'self'", "'wasm-unsafe-eval'"]],
    ['style-src', ["'self'", "'unsafe-inline'"]],
    ['img-src', ["'self'", 'data:', 'blob:']],
    // data: for hls.js, which gives each subtitle <track> the empty 'data:,WEBVTT' source.
    ['media-src', ["'self'", 'data:', 'blob:']],
    ['connect-src', ["'self'", ...socketSources(origin)]],
    ['worker-src', ["'self'", 'blob:']],
    ...(opts.frameSources?.length ? [['frame-src', [...opts.frameSources]] as [string, string[]]] : []),
    ['object-src', ["'none'"]],
    ['base-uri', ["'none'"]],
    ['frame-ancestors', ["'none'"]],
    ['form-action', ["'none'"]],
  ];
  return directives.map(([name, sources]) => `${name} ${sources.join(' ')}`).join('; ');
}
