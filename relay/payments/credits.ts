import { and, eq, gt, gte, sql } from 'drizzle-orm';
import { TIER_RULES, type Tier } from '../../shared/relay/tiers.js';
import type { RelayCredits } from '../../shared/schemas/relay-payments.js';
import type { RelayContext } from '../context.js';
import type { RelayDb, RelayTx } from '../db/open.js';
import { generationLog, users } from '../db/schema.js';
import type { UserRow } from '../auth/identify.js';
import { HttpError } from '../http/errors.js';

/** First instant of the clock's current calendar month (UTC): monthly allowances reset then. */
export function monthStart(now: Date): Date {
  return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), 1));
}

async function monthlyUsed(db: RelayDb | RelayTx, userId: string, since: Date): Promise<number> {
  const [r] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(generationLog)
    .where(and(eq(generationLog.userId, userId), eq(generationLog.source, 'monthly'), gte(generationLog.createdAt, since)));
  return Number(r?.n ?? 0);
}

export async function creditsOf(ctx: RelayContext, u: UserRow, db: RelayDb | RelayTx = ctx.db): Promise<RelayCredits> {
  const tier = u.subscriptionTier as Tier;
  const allowance = TIER_RULES[tier]?.monthlyGenerations ?? 0;
  const used = await monthlyUsed(db, u.id, monthStart(ctx.clock.now()));
  return { tier, monthlyAllowance: allowance, monthlyUsed: used, packCredits: u.aiCreditsRemaining, available: Math.max(0, allowance - used) + u.aiCreditsRemaining };
}

/**
 * Charges one generation (seed §7/§10): BYOK (Pro+) is logged and free; otherwise the tier's
 * monthly allowance is used first, then bought pack credits; with neither it is a 402. The
 * user row is locked so two concurrent charges cannot both spend the last credit.
 */
export async function chargeGeneration(
  ctx: RelayContext,
  userId: string,
  input: { provider: string; promptText?: string | undefined; tokensUsed?: number | undefined; byok: boolean },
): Promise<{ source: 'monthly' | 'pack' | 'byok'; credits: RelayCredits }> {
  return ctx.db.transaction(async (tx) => {
    const [u] = await tx.select().from(users).where(eq(users.id, userId)).for('update');
    if (!u) throw new HttpError(401, 'unauthorized', 'This account no longer exists');
    const tier = u.subscriptionTier as Tier;
    let source: 'monthly' | 'pack' | 'byok';
    if (input.byok) {
      if (!TIER_RULES[tier].byok) throw new HttpError(403, 'tier_required', 'Bring-your-own-key generation needs a Pro or Studio subscription');
      source = 'byok';
    } else if ((await monthlyUsed(tx, userId, monthStart(ctx.clock.now()))) < TIER_RULES[tier].monthlyGenerations) {
      source = 'monthly';
    } else {
      const spent = await tx
        .update(users)
        .set({ aiCreditsRemaining: sql`${users.aiCreditsRemaining} - 1` })
        .where(and(eq(users.id, userId), gt(users.aiCreditsRemaining, 0)))
        .returning({ id: users.id });
      if (!spent.length) throw new HttpError(402, 'no_credits', 'No AI credits left this month: buy a credit pack or upgrade your plan', { tier });
      source = 'pack';
    }
    await tx.insert(generationLog).values({ userId, provider: input.provider, promptText: input.promptText ?? null, tokensUsed: input.tokensUsed ?? null, source, createdAt: ctx.clock.now() });
    const [fresh] = await tx.select().from(users).where(eq(users.id, userId));
    return { source, credits: await creditsOf(ctx, fresh!, tx) };
  });
}
