import type { RelayMe } from '../../shared/schemas/relay-accounts.js';
import type { RelayContext } from '../context.js';
import { creditsOf } from '../payments/credits.js';
import type { UserRow } from './identify.js';

export async function meOf(ctx: RelayContext, u: UserRow): Promise<RelayMe> {
  const c = await creditsOf(ctx, u);
  return {
    id: u.id,
    username: u.username,
    email: u.email,
    role: u.role as RelayMe['role'],
    tier: u.subscriptionTier as RelayMe['tier'],
    aiCreditsRemaining: u.aiCreditsRemaining,
    monthlyGenerationsLeft: Math.max(0, c.monthlyAllowance - c.monthlyUsed),
    connectAccountId: u.stripeConnectAccountId,
    payoutsEnabled: u.payoutsEnabled,
    createdAt: u.createdAt.toISOString(),
  };
}
