import { eq } from 'drizzle-orm';
import type { Db } from './connection.js';
import { users } from './schema.js';

export const LOCAL_OWNER_ID = 'local-owner';

/** The desktop app is single-user: one local owner profile that every row points at. */
export function ensureLocalOwner(db: Db): string {
  const existing = db.select({ id: users.id }).from(users).where(eq(users.isLocalOwner, true)).get();
  if (existing) return existing.id;
  db.insert(users).values({ id: LOCAL_OWNER_ID, username: 'you', role: 'admin', isLocalOwner: true }).onConflictDoNothing().run();
  return LOCAL_OWNER_ID;
}
