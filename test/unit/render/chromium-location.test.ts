/** Where the renderer's Chromium comes from (env → system → embedded) and whether it can be sandboxed. */
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { chromiumSandbox, embeddedBinaryTrusted, embeddedChromiumPath, locateChromium, sandboxFlags } from '../../../worker/tools/binaries.js';

const dir = mkdtempSync(join(tmpdir(), 'auteur-chromium-loc-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const fakeBinary = (name: string, mode: number): string => {
  const p = join(dir, name);
  writeFileSync(p, '#!/bin/sh\n');
  chmodSync(p, mode);
  return p;
};

describe('locateChromium', () => {
  const system = fakeBinary('system-chromium', 0o755);

  it('prefers CHROME_PATH, then a system Chromium', () => {
    const env = fakeBinary('env-chromium', 0o755);
    expect(locateChromium({ CHROME_PATH: env }, { candidates: [system] })).toMatchObject({ path: env, source: 'env CHROME_PATH' });
    expect(locateChromium({}, { candidates: [join(dir, 'absent'), system] })).toMatchObject({ path: system, source: 'system' });
  });

  it('says so when CHROME_PATH points nowhere, instead of silently using another one', () => {
    const loc = locateChromium({ CHROME_PATH: join(dir, 'nope') }, { candidates: [system] });
    expect(loc.path).toBeNull();
    expect(loc.hint).toMatch(/CHROME_PATH points to .*nope, which does not exist/);
  });

  it('falls back to the embedded @sparticuz/chromium on Linux x64 only', () => {
    const loc = locateChromium({}, { candidates: [], platform: 'linux', arch: 'x64' });
    expect(loc.source).toBe('embedded');
    expect(loc.embedded?.version).toMatch(/^153\./);
    // Either already unpacked (and ours) or still packed: resolveChromium unpacks it.
    expect(loc.path === null || loc.path === embeddedChromiumPath()).toBe(true);
    expect(locateChromium({}, { candidates: [], platform: 'linux', arch: 'arm64' })).toMatchObject({ path: null, source: null });
    expect(locateChromium({}, { candidates: [], platform: 'darwin', arch: 'x64' })).toMatchObject({ path: null, source: null });
  });

  it('never runs an unpacked binary that others can write (the temp folder is shared)', () => {
    expect(embeddedBinaryTrusted(fakeBinary('mine', 0o700))).toEqual({ ok: true, why: null });
    expect(embeddedBinaryTrusted(fakeBinary('world-writable', 0o777))).toMatchObject({ ok: false, why: expect.stringMatching(/writable by others/) });
    expect(embeddedBinaryTrusted(join(dir, 'missing')).ok).toBe(false);
  });
});

describe('chromiumSandbox', () => {
  it('is off as root, with the reason doctor shows', () => {
    const s = chromiumSandbox({}, 0);
    expect(s.on).toBe(false);
    expect(s.reason).toMatch(/runs as root .*cannot run sandboxed as root/);
  });

  it('is off on request, and otherwise follows what the kernel allows', () => {
    expect(chromiumSandbox({ AUTEUR_CHROMIUM_NO_SANDBOX: '1' }, 1000)).toEqual({ on: false, reason: expect.stringMatching(/AUTEUR_CHROMIUM_NO_SANDBOX/) });
    const user = chromiumSandbox({}, 1000);
    expect(user.on).toBe(user.reason === null); // off always comes with its reason
  });

  it('adds --no-sandbox only when the sandbox is off here', () => {
    expect(sandboxFlags({ AUTEUR_CHROMIUM_NO_SANDBOX: '1' })).toEqual(['--no-sandbox']);
    expect(sandboxFlags({})).toEqual(chromiumSandbox({}).on ? [] : ['--no-sandbox']);
  });
});
