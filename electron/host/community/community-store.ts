import { eq } from 'drizzle-orm';
import { z } from 'zod';
import type { Db } from '../db/connection.js';
import { settings } from '../db/schema.js';
import { TIERS } from '../../../shared/relay/tiers.js';

/**
 * Settings → Community in the `settings` table: the relay URL and the account shown in
 * Settings in one plain row, the relay tokens in a second row holding only ciphertext (made by
 * the same codec as provider keys, so a copied studio.db does not hand out a signed-in session).
 */
export const COMMUNITY_KEY = 'community';
export const COMMUNITY_SESSION_KEY = 'secret:community.session';

const CommunityUser = z.object({ id: z.string(), username: z.string(), email: z.string(), tier: z.enum(TIERS) });
export type CommunityUser = z.infer<typeof CommunityUser>;

const CommunityRow = z.object({ relayUrl: z.string().nullable(), user: CommunityUser.nullable() });
export type CommunityRow = z.infer<typeof CommunityRow>;

const StoredSession = z.object({ codec: z.enum(['safeStorage', 'aes-256-gcm']), cipher: z.string().min(1) });
export type StoredSession = z.infer<typeof StoredSession>;

/** What the cipher holds once decrypted. */
export const SessionTokens = z.object({ accessToken: z.string().min(1), refreshCookie: z.string().min(1) });
export type SessionTokens = z.infer<typeof SessionTokens>;

export class CommunityStore {
  constructor(private readonly db: Db) {}

  read(): CommunityRow {
    const row = this.db.select().from(settings).where(eq(settings.key, COMMUNITY_KEY)).get();
    return CommunityRow.safeParse(row?.value).data ?? { relayUrl: null, user: null };
  }

  readSession(): StoredSession | null {
    const row = this.db.select().from(settings).where(eq(settings.key, COMMUNITY_SESSION_KEY)).get();
    return StoredSession.safeParse(row?.value).data ?? null;
  }

  /** Writes both rows in one transaction; `session: null` deletes the tokens, undefined keeps them. */
  write(next: CommunityRow, session: StoredSession | null | undefined): void {
    const value = CommunityRow.parse(next);
    this.db.transaction((tx) => {
      const now = Date.now();
      tx.insert(settings).values({ key: COMMUNITY_KEY, value, updatedAt: now }).onConflictDoUpdate({ target: settings.key, set: { value, updatedAt: now } }).run();
      if (session === null) tx.delete(settings).where(eq(settings.key, COMMUNITY_SESSION_KEY)).run();
      else if (session) tx.insert(settings).values({ key: COMMUNITY_SESSION_KEY, value: session, updatedAt: now }).onConflictDoUpdate({ target: settings.key, set: { value: session, updatedAt: now } }).run();
    }, { behavior: 'immediate' });
  }
}
