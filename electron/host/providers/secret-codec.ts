import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { chmodSync, closeSync, linkSync, openSync, readFileSync, rmSync, statSync, writeSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Encrypts API keys before they touch the database. The desktop app injects one backed by
 * Electron's safeStorage (the OS keychain); headless hosts use a key file in the data dir.
 */
export interface SecretCodec {
  kind: 'safeStorage' | 'aes-256-gcm';
  /** One line for Settings and doctor: where the key that protects secrets lives. */
  describe(): string;
  encrypt(plain: string): Promise<string>;
  decrypt(cipher: string): Promise<string>;
}

/** A secret that cannot be decrypted; the message says why and what to do, never the value. */
export class SecretDecryptError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SecretDecryptError';
  }
}

const KEY_BYTES = 32;
const IV_BYTES = 12;
const TAG_BYTES = 16;
const VERSION = 'v1';
// Binds ciphertexts to this purpose: a blob made for something else will not authenticate.
const AAD = Buffer.from('auteur-studio provider secret v1');

export const SECRET_KEY_FILE = 'secret.key';

/**
 * AES-256-GCM with a random 32-byte key in `<dataDir>/secret.key` (mode 0600), a fresh 12-byte
 * IV per value and the 16-byte auth tag, stored as `v1:<iv>:<tag>:<ciphertext>` (base64).
 * The key file is created on the first encrypt; decrypting without it is a clear error.
 * Protects keys at rest against a copied database, not against someone who can read the data dir.
 */
export function keyFileCodec(dataDir: string): SecretCodec {
  const keyPath = join(dataDir, SECRET_KEY_FILE);
  let key: Buffer | null = null;

  const load = (create: boolean): Buffer => {
    if (key) return key;
    let raw: Buffer;
    try {
      raw = readFileSync(keyPath);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'ENOENT') {
        throw new SecretDecryptError(`Cannot read the secrets key ${keyPath}: ${(err as Error).message}`);
      }
      if (!create) {
        throw new SecretDecryptError(`The secrets key ${keyPath} is missing, so saved API keys cannot be decrypted. Enter them again in Settings → Providers.`);
      }
      raw = createKeyFile(keyPath);
    }
    if (raw.length !== KEY_BYTES) {
      throw new SecretDecryptError(`The secrets key ${keyPath} is damaged (${raw.length} bytes, expected ${KEY_BYTES}). Delete it and enter your API keys again.`);
    }
    tightenMode(keyPath);
    key = raw;
    return key;
  };

  return {
    kind: 'aes-256-gcm',
    describe: () => `AES-256-GCM, key in ${keyPath}`,
    async encrypt(plain) {
      const k = load(true);
      const iv = randomBytes(IV_BYTES);
      const cipher = createCipheriv('aes-256-gcm', k, iv, { authTagLength: TAG_BYTES });
      cipher.setAAD(AAD);
      const ct = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
      return [VERSION, iv.toString('base64'), cipher.getAuthTag().toString('base64'), ct.toString('base64')].join(':');
    },
    async decrypt(blob) {
      const parts = blob.split(':');
      if (parts.length !== 4 || parts[0] !== VERSION) {
        throw new SecretDecryptError(`A saved secret is not in the ${VERSION} format this version reads; enter the key again in Settings → Providers.`);
      }
      const [, ivB64, tagB64, ctB64] = parts as [string, string, string, string];
      const iv = Buffer.from(ivB64, 'base64');
      const tag = Buffer.from(tagB64, 'base64');
      if (iv.length !== IV_BYTES || tag.length !== TAG_BYTES) throw new SecretDecryptError('A saved secret is damaged (bad IV or tag length); enter the key again in Settings → Providers.');
      const k = load(false);
      try {
        const decipher = createDecipheriv('aes-256-gcm', k, iv, { authTagLength: TAG_BYTES });
        decipher.setAAD(AAD);
        decipher.setAuthTag(tag);
        return Buffer.concat([decipher.update(Buffer.from(ctB64, 'base64')), decipher.final()]).toString('utf8');
      } catch {
        // GCM cannot tell tampering from a different key; both mean the value is unusable.
        throw new SecretDecryptError(
          `A saved secret failed its integrity check: it was changed on disk or encrypted with a different ${SECRET_KEY_FILE}. Enter the key again in Settings → Providers.`,
        );
      }
    },
  };
}

/**
 * Writes the key to a private temp file, then hard-links it into place: the link fails if
 * another process won the race, and nobody ever reads a half-written key.
 */
function createKeyFile(path: string): Buffer {
  const fresh = randomBytes(KEY_BYTES);
  const tmp = `${path}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
  const fd = openSync(tmp, 'wx', 0o600);
  try {
    writeSync(fd, fresh);
  } finally {
    closeSync(fd);
  }
  try {
    linkSync(tmp, path);
    return fresh;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'EEXIST') return readFileSync(path);
    throw err;
  } finally {
    rmSync(tmp, { force: true });
  }
}

/** A key file someone loosened (copied with cp -p from a wider umask…) goes back to owner-only. */
function tightenMode(path: string): void {
  if (process.platform === 'win32') return;
  try {
    if ((statSync(path).mode & 0o077) !== 0) chmodSync(path, 0o600);
  } catch {
    // Best effort: reading worked, so the key is usable either way.
  }
}
