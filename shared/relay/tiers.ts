/**
 * The relay's subscription tiers and credit packs (seed §10), as data both the relay and the
 * desktop app read: what each tier may do and what it costs. Prices are in US cents.
 */
export const TIERS = ['free', 'pro', 'studio'] as const;
export type Tier = (typeof TIERS)[number];

export interface TierRules {
  /** Monthly price in cents (0 for free). */
  priceCents: number;
  /** Manual publishes per calendar month; null = unlimited. */
  publishesPerMonth: number | null;
  /** Platform-credit AI generations included per calendar month. */
  monthlyGenerations: number;
  byok: boolean;
  /** MCP/API key access: read-only keys on free, write keys on paid tiers. */
  apiKeyAccess: 'read' | 'write';
  /** Requests per minute allowed to one API key of this tier (seed §4b "configurable per tier"). */
  apiKeyRatePerMinute: number;
  postBounties: boolean;
  fulfilBounties: boolean;
  privateItems: boolean;
}

export const TIER_RULES: Record<Tier, TierRules> = {
  free: { priceCents: 0, publishesPerMonth: 5, monthlyGenerations: 0, byok: false, apiKeyAccess: 'read', apiKeyRatePerMinute: 30, postBounties: false, fulfilBounties: false, privateItems: false },
  pro: { priceCents: 1200, publishesPerMonth: null, monthlyGenerations: 50, byok: true, apiKeyAccess: 'write', apiKeyRatePerMinute: 120, postBounties: true, fulfilBounties: true, privateItems: true },
  studio: { priceCents: 3900, publishesPerMonth: null, monthlyGenerations: 200, byok: true, apiKeyAccess: 'write', apiKeyRatePerMinute: 600, postBounties: true, fulfilBounties: true, privateItems: true },
};

/** One-time AI credit packs (no subscription required). */
export const CREDIT_PACKS = {
  '20': { generations: 20, priceCents: 400 },
  '100': { generations: 100, priceCents: 1600 },
  '500': { generations: 500, priceCents: 6000 },
} as const;
export type CreditPackId = keyof typeof CREDIT_PACKS;

/** Bounty money rules (seed §9/§10). */
export const BOUNTY_RULES = {
  minTipCents: 100,
  minPayoutCents: 1000,
  platformFeePercent: 10,
  disputeWindowMs: 48 * 3600_000,
} as const;

/** Rate limits per minute (seed §4b). */
/** Per minute. Guest pages of hosted rooms load a bundle and the world's GLBs, so their own, larger budget per IP. */
export const RATE_LIMITS = { anonymousPerMinute: 100, authenticatedPerMinute: 300, guestPagePerMinute: 600 } as const;
