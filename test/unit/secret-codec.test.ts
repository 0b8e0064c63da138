import { mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { keyFileCodec, SECRET_KEY_FILE, SecretDecryptError } from '../../electron/host/providers/secret-codec.js';

const dir = () => mkdtempSync(join(tmpdir(), 'auteur-codec-'));
const SECRET = 'sk-ant-api03-unit-test-value-0123456789';

/** Flips one bit of the base64 part `index` (1 = iv, 2 = tag, 3 = ciphertext) of a v1 blob. */
function flip(blob: string, index: 1 | 2 | 3): string {
  const parts = blob.split(':');
  const bytes = Buffer.from(parts[index]!, 'base64');
  bytes[0] = bytes[0]! ^ 0x01;
  parts[index] = bytes.toString('base64');
  return parts.join(':');
}

describe('key-file secret codec (AES-256-GCM)', () => {
  it('round-trips, with a fresh IV per value and the versioned format', async () => {
    const codec = keyFileCodec(dir());
    const a = await codec.encrypt(SECRET);
    const b = await codec.encrypt(SECRET);
    expect(a).toMatch(/^v1:[A-Za-z0-9+/=]+:[A-Za-z0-9+/=]+:[A-Za-z0-9+/=]+$/);
    expect(a).not.toBe(b);
    expect(a).not.toContain(SECRET);
    expect(Buffer.from(a.split(':')[1]!, 'base64')).toHaveLength(12);
    expect(Buffer.from(a.split(':')[2]!, 'base64')).toHaveLength(16);
    expect(await codec.decrypt(a)).toBe(SECRET);
    expect(await codec.decrypt(b)).toBe(SECRET);
    expect(await codec.decrypt(await codec.encrypt('ünïcødé ключ 🔑'))).toBe('ünïcødé ключ 🔑');
  });

  it('creates secret.key with 32 random bytes, mode 0600, and reuses it across instances', async () => {
    const d = dir();
    const blob = await keyFileCodec(d).encrypt(SECRET);
    const path = join(d, SECRET_KEY_FILE);
    expect(statSync(path).size).toBe(32);
    if (process.platform !== 'win32') expect(statSync(path).mode & 0o777).toBe(0o600);
    // A second process (new codec instance) decrypts with the same file.
    expect(await keyFileCodec(d).decrypt(blob)).toBe(SECRET);
    expect(readFileSync(path).toString('latin1')).not.toContain(SECRET);
  });

  it('detects tampering with the ciphertext, the tag or the IV', async () => {
    const codec = keyFileCodec(dir());
    const blob = await codec.encrypt(SECRET);
    for (const part of [1, 2, 3] as const) {
      const err = await codec.decrypt(flip(blob, part)).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(SecretDecryptError);
      expect((err as Error).message).toMatch(/integrity check/);
      expect((err as Error).message).toMatch(/Settings → Providers/);
      expect((err as Error).message).not.toContain(SECRET);
    }
  });

  it('refuses a value encrypted with another key file', async () => {
    const blob = await keyFileCodec(dir()).encrypt(SECRET);
    const other = keyFileCodec(dir());
    await other.encrypt('creates this dir’s own key');
    await expect(other.decrypt(blob)).rejects.toThrow(/different secret\.key/);
  });

  it('says the key file is missing instead of creating a new one on decrypt', async () => {
    const blob = await keyFileCodec(dir()).encrypt(SECRET);
    const empty = dir();
    await expect(keyFileCodec(empty).decrypt(blob)).rejects.toThrow(/secret\.key is missing/);
    expect(() => statSync(join(empty, SECRET_KEY_FILE))).toThrow();
  });

  it('rejects a damaged key file and malformed blobs with clear errors', async () => {
    const d = dir();
    writeFileSync(join(d, SECRET_KEY_FILE), Buffer.alloc(7));
    await expect(keyFileCodec(d).encrypt(SECRET)).rejects.toThrow(/damaged \(7 bytes, expected 32\)/);
    const codec = keyFileCodec(dir());
    await expect(codec.decrypt('not-a-secret')).rejects.toThrow(/not in the v1 format/);
    await expect(codec.decrypt('v1:AAAA:AAAA:AAAA')).rejects.toThrow(/damaged/);
  });

  it('tightens a key file someone made world-readable', async () => {
    if (process.platform === 'win32') return;
    const d = dir();
    const blob = await keyFileCodec(d).encrypt(SECRET);
    const { chmodSync } = await import('node:fs');
    chmodSync(join(d, SECRET_KEY_FILE), 0o644);
    expect(await keyFileCodec(d).decrypt(blob)).toBe(SECRET);
    expect(statSync(join(d, SECRET_KEY_FILE)).mode & 0o777).toBe(0o600);
  });
});
