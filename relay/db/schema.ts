import { sql } from 'drizzle-orm';
import { bigint, boolean, doublePrecision, index, integer, jsonb, pgTable, primaryKey, real, smallint, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';

/**
 * The relay's database (seed §5 + §11f stubs), one drizzle pg-core schema used unchanged on
 * PGlite and PostgreSQL. Vectors are `real[]`: neither PGlite 0.5's build here nor Debian's
 * postgresql-15 ships pgvector, so similarity is computed in the relay (see bounties/embedding.ts).
 */

const id = () => uuid('id').primaryKey().default(sql`gen_random_uuid()`);
const createdAt = () => timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow();
const ts = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });

/** One-row-per-key settings shared by every relay process (e.g. the JWT signing secret). */
export const relaySettings = pgTable('relay_settings', { key: text('key').primaryKey(), value: text('value').notNull() });

export const users = pgTable('users', {
  id: id(),
  username: text('username').notNull().unique(),
  email: text('email').notNull().unique(),
  passwordHash: text('password_hash').notNull(),
  role: text('role').notNull().default('user'),
  trustTier: text('trust_tier').notNull().default('standard'),
  stripeCustomerId: text('stripe_customer_id'),
  subscriptionTier: text('subscription_tier').notNull().default('free'),
  subscriptionId: text('subscription_id'),
  /** `created` of the newest subscription event applied, so an older event arriving late changes nothing. */
  subscriptionEventAt: bigint('subscription_event_at', { mode: 'number' }).notNull().default(0),
  aiCreditsRemaining: integer('ai_credits_remaining').notNull().default(0),
  tasteVector: real('taste_vector').array(),
  isVerifiedCreator: boolean('is_verified_creator').notNull().default(false),
  verifiedCreatorAt: ts('verified_creator_at'),
  stripeConnectAccountId: text('stripe_connect_account_id'),
  payoutsEnabled: boolean('payouts_enabled').notNull().default(false),
  createdAt: createdAt(),
  lastActiveAt: ts('last_active_at'),
});

export const refreshTokens = pgTable(
  'refresh_tokens',
  {
    id: id(),
    userId: uuid('user_id').notNull().references(() => users.id, { onDelete: 'cascade' }),
    /** All tokens descended from one login; reuse of a rotated token revokes the whole family. */
    familyId: uuid('family_id').notNull(),
    tokenHash: text('token_hash').notNull().unique(),
    expiresAt: ts('expires_at').notNull(),
    revokedAt: ts('revoked_at'),
    createdAt: createdAt(),
  },
  (t) => [index('idx_refresh_family').on(t.familyId)],
);

/** Access-token ids revoked before their expiry (logout); rows past expiry can be dropped. */
export const revokedAccessTokens = pgTable('revoked_access_tokens', { jti: text('jti').primaryKey(), expiresAt: ts('expires_at').notNull() });

export const apiKeys = pgTable('api_keys', {
  id: id(),
  userId: uuid('user_id').notNull().references(() => users.id, { onDelete: 'cascade' }),
  keyHash: text('key_hash').notNull().unique(),
  keyPrefix: text('key_prefix').notNull(),
  name: text('name').notNull(),
  trustTier: text('trust_tier').notNull().default('probation'),
  lastUsedAt: ts('last_used_at'),
  createdAt: createdAt(),
  revokedAt: ts('revoked_at'),
});

export const items = pgTable(
  'items',
  {
    id: id(),
    authorId: uuid('author_id').notNull().references(() => users.id, { onDelete: 'cascade' }),
    kind: text('kind').notNull(),
    title: text('title').notNull(),
    description: text('description').notNull().default(''),
    payload: text('payload').notNull(),
    tags: text('tags').array().notNull().default(sql`'{}'::text[]`),
    isPublic: boolean('is_public').notNull().default(true),
    provenance: jsonb('provenance').notNull(),
    thumbnailPath: text('thumbnail_path'),
    thumbnailType: text('thumbnail_type'),
    previewPath: text('preview_path'),
    previewType: text('preview_type'),
    styleVector: real('style_vector').array(),
    upvotes: integer('upvotes').notNull().default(0),
    downvotes: integer('downvotes').notNull().default(0),
    commentCount: integer('comment_count').notNull().default(0),
    score: doublePrecision('score').notNull().default(0),
    // Seed §11f creator-economy stubs: stored, not enforced until that rollout.
    accessTier: text('access_tier').notNull().default('open'),
    sourceUnlockPriceCents: integer('source_unlock_price_cents'),
    commercialLicensePriceCents: integer('commercial_license_price_cents'),
    verifiedCreatorShader: boolean('verified_creator_shader').notNull().default(false),
    createdAt: createdAt(),
    updatedAt: timestamp('updated_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
  },
  (t) => [index('idx_items_score').on(t.score.desc()), index('idx_items_created').on(t.createdAt.desc()), index('idx_items_author').on(t.authorId, t.createdAt)],
);

export const votes = pgTable(
  'votes',
  {
    userId: uuid('user_id').notNull().references(() => users.id, { onDelete: 'cascade' }),
    itemId: uuid('item_id').notNull().references(() => items.id, { onDelete: 'cascade' }),
    value: smallint('value').notNull(),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.userId, t.itemId] })],
);

export const comments = pgTable(
  'comments',
  {
    id: id(),
    itemId: uuid('item_id').notNull().references(() => items.id, { onDelete: 'cascade' }),
    authorId: uuid('author_id').notNull().references(() => users.id, { onDelete: 'cascade' }),
    body: text('body').notNull(),
    parentId: uuid('parent_id'),
    createdAt: createdAt(),
  },
  (t) => [index('idx_comments_item').on(t.itemId, t.createdAt)],
);

export const desires = pgTable(
  'desires',
  {
    id: id(),
    authorId: uuid('author_id').notNull().references(() => users.id, { onDelete: 'cascade' }),
    promptText: text('prompt_text').notNull(),
    promptEmbedding: real('prompt_embedding').array(),
    status: text('status').notNull().default('open'),
    heatScore: doublePrecision('heat_score').notNull().default(0),
    fulfilledByItem: uuid('fulfilled_by_item').references(() => items.id, { onDelete: 'set null' }),
    fulfilledBy: uuid('fulfilled_by').references(() => users.id, { onDelete: 'set null' }),
    fulfilledAt: ts('fulfilled_at'),
    expiresAt: ts('expires_at'),
    createdAt: createdAt(),
  },
  (t) => [index('idx_desires_status').on(t.status, t.heatScore.desc()), index('idx_desires_author').on(t.authorId)],
);

export const bountyTips = pgTable(
  'bounty_tips',
  {
    id: id(),
    desireId: uuid('desire_id').notNull().references(() => desires.id, { onDelete: 'cascade' }),
    tipperId: uuid('tipper_id').notNull().references(() => users.id, { onDelete: 'cascade' }),
    amountCents: integer('amount_cents').notNull(),
    stripePaymentIntentId: text('stripe_payment_intent_id').unique(),
    status: text('status').notNull().default('pending_payment'),
    createdAt: createdAt(),
  },
  (t) => [index('idx_tips_desire').on(t.desireId)],
);

export const creatorPayouts = pgTable(
  'creator_payouts',
  {
    id: id(),
    creatorId: uuid('creator_id').notNull().references(() => users.id, { onDelete: 'cascade' }),
    desireId: uuid('desire_id').notNull().references(() => desires.id, { onDelete: 'cascade' }),
    tipId: uuid('tip_id').notNull().unique(),
    grossAmountCents: integer('gross_amount_cents').notNull(),
    platformFeeCents: integer('platform_fee_cents').notNull(),
    netAmountCents: integer('net_amount_cents').notNull(),
    stripeTransferId: text('stripe_transfer_id'),
    status: text('status').notNull().default('pending'),
    createdAt: createdAt(),
  },
  (t) => [index('idx_payouts_creator').on(t.creatorId, t.status)],
);

/** Every Stripe webhook event applied, by Stripe's event id: the idempotency record. */
export const stripeEvents = pgTable('stripe_events', {
  id: text('id').primaryKey(),
  type: text('type').notNull(),
  stripeCreated: bigint('stripe_created', { mode: 'number' }).notNull(),
  outcome: text('outcome').notNull(),
  receivedAt: createdAt(),
});

export const generationLog = pgTable(
  'generation_log',
  {
    id: id(),
    userId: uuid('user_id').notNull().references(() => users.id, { onDelete: 'cascade' }),
    provider: text('provider').notNull(),
    promptText: text('prompt_text'),
    tokensUsed: integer('tokens_used'),
    /** 'monthly' (tier allowance), 'pack' (bought credits) or 'byok' (no credits). */
    source: text('source').notNull(),
    createdAt: createdAt(),
  },
  (t) => [index('idx_generation_user').on(t.userId, t.createdAt)],
);

// Seed §11f: dormant tables so the creator economy needs no schema rebuild later.
export const sourceUnlocks = pgTable('source_unlocks', {
  id: id(),
  itemId: uuid('item_id').references(() => items.id),
  buyerId: uuid('buyer_id').references(() => users.id),
  licenseType: text('license_type').notNull(),
  amountCents: integer('amount_cents').notNull(),
  platformFeeCents: integer('platform_fee_cents').notNull(),
  stripePaymentIntentId: text('stripe_payment_intent_id'),
  createdAt: createdAt(),
});

export const creatorEngagementSnapshots = pgTable(
  'creator_engagement_snapshots',
  {
    id: id(),
    creatorId: uuid('creator_id').references(() => users.id),
    month: text('month').notNull(),
    totalScore: doublePrecision('total_score').notNull(),
    poolShare: doublePrecision('pool_share'),
    payoutCents: integer('payout_cents'),
    paidAt: ts('paid_at'),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('idx_snapshots_creator_month').on(t.creatorId, t.month)],
);
export * from './hosted-rooms-schema.js';
