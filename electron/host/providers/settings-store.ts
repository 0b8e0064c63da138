import { eq, like } from 'drizzle-orm';
import { z } from 'zod';
import { ProviderSettings, SecretName, type SecretName as SecretNameT } from '../../../shared/schemas/provider-settings.js';
import type { Db } from '../db/connection.js';
import { settings } from '../db/schema.js';
import type { SecretCodec } from './secret-codec.js';

/** The settings row holding everything but the keys. */
export const PROVIDERS_KEY = 'providers';
const SECRET_PREFIX = 'secret:providers.';
export const secretRowKey = (name: SecretNameT) => `${SECRET_PREFIX}${name}`;

/** A stored secret: only ciphertext, plus which codec made it (a key file cannot open a keychain blob). */
const StoredSecret = z.object({ codec: z.enum(['safeStorage', 'aes-256-gcm']), cipher: z.string().min(1) });
export type StoredSecret = z.infer<typeof StoredSecret>;

export type SettingsStore = Pick<ProviderSettingsStore, 'readSettings' | 'readSecrets' | 'write'>;

/** Reads and writes provider settings and encrypted keys in the `settings` table. */
export class ProviderSettingsStore {
  constructor(private readonly db: Db) {}

  /** Saved settings; a row that no longer validates (hand-edited, older format) counts as empty rather than breaking the host. */
  readSettings(): { settings: ProviderSettings; problem: string | null } {
    const row = this.db.select().from(settings).where(eq(settings.key, PROVIDERS_KEY)).get();
    if (!row) return { settings: {}, problem: null };
    const parsed = ProviderSettings.safeParse(row.value);
    if (parsed.success) return { settings: parsed.data, problem: null };
    return { settings: {}, problem: `Saved provider settings are invalid and were ignored: ${parsed.error.issues[0]?.message ?? 'unknown problem'}` };
  }

  readSecrets(): Map<SecretNameT, StoredSecret> {
    const out = new Map<SecretNameT, StoredSecret>();
    for (const row of this.db.select().from(settings).where(like(settings.key, `${SECRET_PREFIX}%`)).all()) {
      const name = SecretName.safeParse(row.key.slice(SECRET_PREFIX.length));
      const value = StoredSecret.safeParse(row.value);
      if (name.success && value.success) out.set(name.data, value.data);
    }
    return out;
  }

  /**
   * Applies one update atomically: `mutate` gets the current saved settings (read inside the
   * transaction, so concurrent saves do not lose each other's fields) and returns the new ones.
   * Secrets arrive already encrypted; null deletes.
   */
  write(mutate: (current: ProviderSettings) => ProviderSettings, secrets: Map<SecretNameT, StoredSecret | null>): ProviderSettings {
    return this.db.transaction((tx) => {
      const row = tx.select().from(settings).where(eq(settings.key, PROVIDERS_KEY)).get();
      const current = row ? (ProviderSettings.safeParse(row.value).data ?? {}) : {};
      const next = ProviderSettings.parse(mutate(current));
      const now = Date.now();
      tx.insert(settings).values({ key: PROVIDERS_KEY, value: next, updatedAt: now }).onConflictDoUpdate({ target: settings.key, set: { value: next, updatedAt: now } }).run();
      for (const [name, stored] of secrets) {
        const key = secretRowKey(name);
        if (stored === null) tx.delete(settings).where(eq(settings.key, key)).run();
        else tx.insert(settings).values({ key, value: stored, updatedAt: now }).onConflictDoUpdate({ target: settings.key, set: { value: stored, updatedAt: now } }).run();
      }
      return next;
    }, { behavior: 'immediate' });
  }
}

/**
 * Decrypts a stored secret with whichever codec made it, or says (without the value) why it
 * cannot be used here. The desktop app reads key-file secrets too (both modes share a data dir);
 * a headless process cannot open the desktop's keychain blobs.
 */
export async function openSecret(stored: StoredSecret, codecs: SecretCodec[]): Promise<{ value: string } | { error: string }> {
  const codec = codecs.find((c) => c.kind === stored.codec);
  if (!codec) {
    return {
      error:
        stored.codec === 'safeStorage'
          ? 'Saved by the desktop app with the OS keychain, which this headless process cannot open. Set the env variable, or save the key again here.'
          : 'Saved with a key file this process cannot use. Save the key again in Settings → Providers.',
    };
  }
  try {
    return { value: await codec.decrypt(stored.cipher) };
  } catch (err) {
    return { error: (err as Error).message };
  }
}
