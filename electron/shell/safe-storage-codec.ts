import { safeStorage } from 'electron';
import type { SecretCodec } from '../host/providers/secret-codec.js';

/**
 * Provider keys encrypted with the OS keychain (Keychain, DPAPI, libsecret/kwallet) through
 * Electron's safeStorage. Returns null where no keychain is available, so the host falls back
 * to its key file rather than refusing to store keys at all.
 */
export async function safeStorageCodec(): Promise<SecretCodec | null> {
  if (!(await safeStorage.isAsyncEncryptionAvailable())) return null;
  return {
    kind: 'safeStorage',
    describe: () => 'OS keychain (Electron safeStorage)',
    encrypt: async (plain) => (await safeStorage.encryptStringAsync(plain)).toString('base64'),
    decrypt: async (cipher) => {
      try {
        return (await safeStorage.decryptStringAsync(Buffer.from(cipher, 'base64'))).result;
      } catch (err) {
        throw new Error(`The OS keychain could not decrypt a saved key (${(err as Error).message}); enter it again in Settings → Providers.`);
      }
    },
  };
}
