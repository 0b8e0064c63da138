import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { SHELL_CHANNELS, SHELL_SESSION_CHANNEL } from '../../shared/ipc/shell-bridge.js';
import { buildCsp } from '../../electron/host/desktop/csp.js';
import { isShellChannel, parseShellRequest } from '../../electron/host/desktop/ipc-requests.js';
import { isLocalHostname, isSafeExternalUrl, isSameOrigin } from '../../electron/host/desktop/navigation.js';
import { secureWebPreferences } from '../../electron/host/desktop/web-preferences.js';

const HOST = 'http://127.0.0.1:4873';
const PRELOAD_FILE = fileURLToPath(new URL('../../electron/shell/preload.cts', import.meta.url));

function directives(csp: string): Map<string, string[]> {
  const map = new Map<string, string[]>();
  for (const part of csp.split(';')) {
    const [name, ...sources] = part.trim().split(/\s+/);
    if (name) map.set(name, sources);
  }
  return map;
}

describe('buildCsp', () => {
  const csp = directives(buildCsp(HOST));

  it('allows scripts only from self plus wasm compilation — no unsafe-eval, no inline', () => {
    expect(csp.get('script-src')).toEqual(["'self'", "'wasm-unsafe-eval'"]);
    expect(buildCsp(HOST)).not.toMatch(/'unsafe-eval'/);
  });

  it('locks down framing, objects, base and forms', () => {
    expect(csp.get('frame-ancestors')).toEqual(["'none'"]);
    expect(csp.get('object-src')).toEqual(["'none'"]);
    expect(csp.get('base-uri')).toEqual(["'none'"]);
    expect(csp.get('form-action')).toEqual(["'none'"]);
    expect(csp.get('default-src')).toEqual(["'self'"]);
  });

  it('has the expected media, image, style and worker sources', () => {
    expect(csp.get('style-src')).toEqual(["'self'", "'unsafe-inline'"]);
    expect(csp.get('img-src')).toEqual(["'self'", 'data:', 'blob:']);
    expect(csp.get('media-src')).toEqual(["'self'", 'data:', 'blob:']);
    expect(csp.get('worker-src')).toEqual(["'self'", 'blob:']);
  });

  it('lets the page open the host websocket on both loopback spellings, on the host port only', () => {
    expect(csp.get('connect-src')).toEqual(["'self'", 'ws://127.0.0.1:4873', 'ws://localhost:4873']);
    expect(directives(buildCsp('http://localhost:5000/')).get('connect-src')).toEqual([
      "'self'",
      'ws://localhost:5000',
      'ws://127.0.0.1:5000',
    ]);
    expect(directives(buildCsp('https://studio.example:8443')).get('connect-src')).toEqual([
      "'self'",
      'wss://studio.example:8443',
    ]);
  });

  it('rejects origins that are not http(s) URLs', () => {
    expect(() => buildCsp('not a url')).toThrow(/invalid host origin/);
    expect(() => buildCsp('file:///tmp')).toThrow(/http/);
  });
});

describe('secureWebPreferences', () => {
  const prefs = secureWebPreferences('/app/dist/electron/shell/preload.cjs');

  it('isolates and sandboxes the renderer with no Node integration', () => {
    expect(prefs.contextIsolation).toBe(true);
    expect(prefs.sandbox).toBe(true);
    expect(prefs.nodeIntegration).toBe(false);
    expect(prefs.nodeIntegrationInWorker).toBe(false);
    expect(prefs.nodeIntegrationInSubFrames).toBe(false);
    expect(prefs.webSecurity).toBe(true);
    expect(prefs.allowRunningInsecureContent).toBe(false);
    expect(prefs.webviewTag).toBe(false);
  });

  it('puts nothing on the renderer command line (the token comes over the session channel instead)', () => {
    expect(prefs.preload).toBe('/app/dist/electron/shell/preload.cjs');
    expect(prefs).not.toHaveProperty('additionalArguments');
    const args = (prefs as { additionalArguments?: unknown }).additionalArguments;
    const flat = Array.isArray(args) ? args.map(String) : [];
    expect(flat.some((a) => /token/i.test(a))).toBe(false);
    expect(JSON.stringify(prefs)).not.toMatch(/token/i);
  });

  it('refuses a relative preload path', () => {
    expect(() => secureWebPreferences('preload.cjs')).toThrow(/absolute/);
  });
});

describe('navigation policy', () => {
  it('isSameOrigin matches only the exact host origin', () => {
    expect(isSameOrigin(`${HOST}/projects/1?x=2#y`, HOST)).toBe(true);
    expect(isSameOrigin(`${HOST}/`, `${HOST}/`)).toBe(true);
    expect(isSameOrigin('http://127.0.0.1:4874/', HOST)).toBe(false);
    expect(isSameOrigin('http://localhost:4873/', HOST)).toBe(false);
    expect(isSameOrigin('https://127.0.0.1:4873/', HOST)).toBe(false);
    expect(isSameOrigin('file:///etc/passwd', HOST)).toBe(false);
    expect(isSameOrigin('javascript:alert(1)', HOST)).toBe(false);
    expect(isSameOrigin('data:text/html,hi', HOST)).toBe(false);
    expect(isSameOrigin('', HOST)).toBe(false);
    expect(isSameOrigin(HOST, 'garbage')).toBe(false);
  });

  it('isSafeExternalUrl allows http(s) to remote hosts only', () => {
    expect(isSafeExternalUrl('https://example.com/docs')).toBe(true);
    expect(isSafeExternalUrl('http://example.com')).toBe(true);
    for (const url of [
      'file:///etc/passwd',
      'javascript:alert(1)',
      'JavaScript:alert(1)',
      'data:text/html,<script>alert(1)</script>',
      'mailto:a@example.com',
      'smb://server/share',
      'vbscript:msgbox',
      'http://localhost:4873/',
      'http://app.localhost/',
      'http://127.0.0.1:4873/',
      'http://127.1/',
      'http://2130706433/',
      'http://0.0.0.0/',
      'http://[::1]/',
      'http://[::ffff:127.0.0.1]/',
      'https://user:pw@example.com/',
      'not a url',
      '',
    ]) {
      expect(isSafeExternalUrl(url), url).toBe(false);
    }
  });

  it('isLocalHostname recognises loopback spellings', () => {
    expect(isLocalHostname('LOCALHOST')).toBe(true);
    expect(isLocalHostname('localhost.')).toBe(true);
    expect(isLocalHostname('127.8.9.10')).toBe(true);
    expect(isLocalHostname('example.com')).toBe(false);
    expect(isLocalHostname('127.0.0.1.example.com')).toBe(false);
  });
});

describe('parseShellRequest', () => {
  it('accepts well-formed requests', () => {
    expect(parseShellRequest(SHELL_CHANNELS.openDialog, {})).toEqual({});
    expect(
      parseShellRequest(SHELL_CHANNELS.openDialog, {
        title: 'Import',
        multiple: true,
        filters: [{ name: 'Images', extensions: ['png', 'jpg'] }],
      }),
    ).toEqual({ title: 'Import', multiple: true, filters: [{ name: 'Images', extensions: ['png', 'jpg'] }] });
    expect(parseShellRequest(SHELL_CHANNELS.saveDialog, { defaultPath: 'render.mp4' })).toEqual({ defaultPath: 'render.mp4' });
    expect(parseShellRequest(SHELL_CHANNELS.revealPath, { path: '/home/me/file.png' })).toEqual({ path: '/home/me/file.png' });
    expect(parseShellRequest(SHELL_CHANNELS.encrypt, { plaintext: '' })).toEqual({ plaintext: '' });
    expect(parseShellRequest(SHELL_CHANNELS.decrypt, { ciphertext: 'YWJjZA==' })).toEqual({ ciphertext: 'YWJjZA==' });
  });

  it('rejects bad shapes with a message naming the channel and field', () => {
    expect(() => parseShellRequest(SHELL_CHANNELS.revealPath, { path: 42 })).toThrow(/auteur:path:reveal: path/);
    expect(() => parseShellRequest(SHELL_CHANNELS.revealPath, { path: 'relative/file' })).toThrow(/absolute/);
    expect(() => parseShellRequest(SHELL_CHANNELS.revealPath, { path: '/a\0b' })).toThrow(/NUL/);
    expect(() => parseShellRequest(SHELL_CHANNELS.revealPath, '/etc')).toThrow(/invalid request/);
    expect(() => parseShellRequest(SHELL_CHANNELS.revealPath, null)).toThrow(/invalid request/);
    expect(() => parseShellRequest(SHELL_CHANNELS.openDialog, { multiple: 'yes' })).toThrow(/multiple/);
    expect(() => parseShellRequest(SHELL_CHANNELS.openDialog, { properties: ['openFile'] })).toThrow(/invalid request/);
    expect(() => parseShellRequest(SHELL_CHANNELS.openDialog, { filters: [{ name: 'x', extensions: ['.png'] }] })).toThrow(
      /filters/,
    );
    expect(() => parseShellRequest(SHELL_CHANNELS.encrypt, { plaintext: 1 })).toThrow(/plaintext/);
    expect(() => parseShellRequest(SHELL_CHANNELS.decrypt, { ciphertext: 'not base64!' })).toThrow(/base64/);
  });

  it('knows exactly the shared channels', () => {
    for (const channel of Object.values(SHELL_CHANNELS)) expect(isShellChannel(channel)).toBe(true);
    expect(isShellChannel('auteur:fs:read')).toBe(false);
    expect(() => parseShellRequest('auteur:fs:read' as never, {})).toThrow(/unknown shell channel/);
  });
});

describe('preload.cts (read as text: it requires electron, so it cannot be imported here)', () => {
  const source = readFileSync(PRELOAD_FILE, 'utf8');

  it('inlines every SHELL_CHANNELS value plus the session channel, and no other auteur: channel', () => {
    expect(SHELL_SESSION_CHANNEL).toBe('auteur:session');
    expect(Object.values(SHELL_CHANNELS)).not.toContain(SHELL_SESSION_CHANNEL);
    for (const channel of Object.values(SHELL_CHANNELS)) expect(source).toContain(`'${channel}'`);
    expect(source).toContain(`'${SHELL_SESSION_CHANNEL}'`);
    const inlined = new Set([...source.matchAll(/['"`](auteur:[^'"`]+)['"`]/g)].map((m) => m[1]));
    expect([...inlined].sort()).toEqual([...Object.values(SHELL_CHANNELS), SHELL_SESSION_CHANNEL].sort());
  });

  it('gets apiBase/token with a synchronous IPC call, never from argv', () => {
    expect(source).toMatch(/ipcRenderer\.sendSync\(\s*'auteur:session'\s*\)/);
    expect(source).not.toContain('process.argv');
    expect(source).not.toContain('--auteur-');
  });

  it("exposes window.auteur through contextBridge and requires nothing but 'electron' at runtime", () => {
    expect(source).toMatch(/contextBridge\.exposeInMainWorld\(\s*'auteur'/);
    // Transpile as tsc would (type-only imports vanish) and collect every runtime module reference.
    const js = ts.transpileModule(source, {
      fileName: 'preload.cts',
      compilerOptions: {
        module: ts.ModuleKind.NodeNext,
        target: ts.ScriptTarget.ES2023,
        verbatimModuleSyntax: true,
        removeComments: true,
      },
    }).outputText;
    const required = [...js.matchAll(/\brequire\(\s*['"]([^'"]+)['"]\s*\)/g)].map((m) => m[1]);
    expect(required).toEqual(['electron']);
    expect(js).not.toMatch(/\bimport\s*\(/);
    expect(js).not.toMatch(/^\s*import\s/m);
    expect(js).not.toMatch(/\brequire\b(?!\(\s*['"]electron['"]\s*\))/);
  });
});
