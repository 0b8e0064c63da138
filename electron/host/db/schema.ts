/**
 * The studio's relational schema (drizzle). Vectors live in sqlite-vec virtual tables created by
 * a custom migration (drizzle cannot describe vec0), keyed by the same ids as the rows here.
 * Shader text search (FTS5 `shaders_fts`, its stable rowid map `shader_search_ids` and the
 * triggers keeping both in sync) is another custom migration, `drizzle/0003_shader_search.sql`.
 * Times are epoch milliseconds. The desktop app has one local owner, but rows keep user ids so a
 * profile (or the hosted relay) can be added without reshaping tables.
 */
import { sql } from 'drizzle-orm';
import { index, integer, primaryKey, real, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';

const now = sql`(CAST(unixepoch('subsec') * 1000 AS INTEGER))`;
const createdAt = () => integer('created_at').notNull().default(now);

export const users = sqliteTable('users', {
  id: text('id').primaryKey(),
  username: text('username').notNull().unique(),
  email: text('email'),
  role: text('role', { enum: ['user', 'moderator', 'admin'] }).notNull().default('user'),
  trustTier: text('trust_tier', { enum: ['standard', 'creator', 'trusted_api'] }).notNull().default('standard'),
  isLocalOwner: integer('is_local_owner', { mode: 'boolean' }).notNull().default(false),
  subscriptionTier: text('subscription_tier').notNull().default('free'),
  aiCreditsRemaining: integer('ai_credits_remaining').notNull().default(0),
  stripeCustomerId: text('stripe_customer_id'),
  // Seed 000 §11f: creator-economy fields, dormant until it launches.
  isVerifiedCreator: integer('is_verified_creator', { mode: 'boolean' }).notNull().default(false),
  verifiedCreatorAt: integer('verified_creator_at'),
  stripeConnectAccountId: text('stripe_connect_account_id'),
  createdAt: createdAt(),
  lastActiveAt: integer('last_active_at'),
});

export const shaders = sqliteTable(
  'shaders',
  {
    id: text('id').primaryKey(),
    authorId: text('author_id').references(() => users.id),
    title: text('title').notNull(),
    description: text('description'),
    /** Image pass (or the single pass) GLSL, Shadertoy mainImage convention. */
    glslCode: text('glsl_code').notNull(),
    /** Superseded by `source` (kept so the migration stays additive); nothing writes it. */
    passes: text('passes', { mode: 'json' }),
    /** The whole shader as rendered: ShaderSource JSON (Common, Buffer A–D, Image, channels). Null only on rows older than it; those read as single-pass `glsl_code`. */
    source: text('source', { mode: 'json' }),
    isPublic: integer('is_public', { mode: 'boolean' }).notNull().default(true),
    status: text('status', { enum: ['draft', 'published', 'pending_review', 'rejected'] }).notNull().default('draft'),
    isAiGenerated: integer('is_ai_generated', { mode: 'boolean' }).notNull().default(false),
    aiProvider: text('ai_provider'),
    aiModel: text('ai_model'),
    thumbnailMediaId: text('thumbnail_media_id').references(() => mediaObjects.id),
    previewMediaId: text('preview_media_id').references(() => mediaObjects.id),
    renderStatus: text('render_status', { enum: ['pending', 'rendering', 'ready', 'failed'] }).notNull().default('pending'),
    renderError: text('render_error'),
    /** CompileDiagnostic[] of the latest render (mapped to the user's own lines). */
    renderDiagnostics: text('render_diagnostics', { mode: 'json' }),
    /** The shader.render job whose result counts; results of older jobs are ignored as stale. */
    lastRenderJobId: text('last_render_job_id'),
    renderedAt: integer('rendered_at'),
    /** FrameStats, validity and frame time of the latest good render: the visual half of the style vector. */
    renderStats: text('render_stats', { mode: 'json' }),
    /** previewMediaId holds the WebM preview; an MP4 render lands here. */
    previewMp4MediaId: text('preview_mp4_media_id').references(() => mediaObjects.id),
    /** Effective style metadata: derived from the render, author-declared categories kept. */
    styleMetadata: text('style_metadata', { mode: 'json' }),
    /** What the author (or an MCP client, or a seed file) declared about the style. */
    declaredStyle: text('declared_style', { mode: 'json' }),
    /** Which algorithm produced the row in vec_shader_style, so a newer one can recompute. */
    styleVectorVersion: text('style_vector_version'),
    tags: text('tags', { mode: 'json' }).$type<string[]>().notNull().default(sql`'[]'`),
    shaderType: text('shader_type', { enum: ['2d', '3d', 'audio-reactive'] }).notNull().default('2d'),
    forkedFrom: text('forked_from'),
    submittedByApiKey: text('submitted_by_api_key'),
    /** Where an imported shader came from: { shadertoyId, author } of the Shadertoy export. */
    importedFrom: text('imported_from', { mode: 'json' }),
    /** How the shader entered the library (provenance shown on its page). */
    origin: text('origin', { enum: ['app', 'mcp', 'seed', 'import', 'generate'] }).notNull().default('app'),
    /** Reason given when an MCP submission is rejected (status rejected) or held (pending_review). */
    reviewNote: text('review_note'),
    /** Set by a submission that answers a desire (seed §9); the desire is fulfilled once the render passes. */
    fulfillsDesireId: text('fulfills_desire_id'),
    publishedAt: integer('published_at'),
    viewCount: integer('view_count').notNull().default(0),
    upvotes: integer('upvotes').notNull().default(0),
    downvotes: integer('downvotes').notNull().default(0),
    /** Cached hot score (Wilson lower bound × time decay, seed §8). */
    score: real('score').notNull().default(0),
    /** Cached Wilson lower bound without decay: the "top" (all-time) order. */
    wilsonScore: real('wilson_score').notNull().default(0),
    // Seed 000 §11f: creator-economy stubs.
    accessTier: text('access_tier').notNull().default('open'),
    sourceUnlockPriceCents: integer('source_unlock_price_cents'),
    commercialLicensePriceCents: integer('commercial_license_price_cents'),
    verifiedCreatorShader: integer('verified_creator_shader', { mode: 'boolean' }).notNull().default(false),
    createdAt: createdAt(),
    updatedAt: integer('updated_at').notNull().default(now),
  },
  (t) => [
    index('idx_shaders_score').on(t.score),
    index('idx_shaders_created').on(t.createdAt),
    index('idx_shaders_author').on(t.authorId),
    index('idx_shaders_forked').on(t.forkedFrom),
    index('idx_shaders_published').on(t.status, t.publishedAt),
    // Partial indexes over what the feed may show, so trending and new pages read only their rows.
    index('idx_shaders_feed_hot').on(t.score, t.publishedAt, t.id).where(sql`${t.status} = 'published' AND ${t.isPublic} = 1 AND ${t.renderStatus} = 'ready'`),
    index('idx_shaders_feed_new').on(t.publishedAt, t.id).where(sql`${t.status} = 'published' AND ${t.isPublic} = 1 AND ${t.renderStatus} = 'ready'`),
    index('idx_shaders_wilson').on(t.wilsonScore),
    index('idx_shaders_desire').on(t.fulfillsDesireId),
  ],
);

export const votes = sqliteTable(
  'votes',
  {
    id: text('id').primaryKey(),
    userId: text('user_id').notNull().references(() => users.id),
    shaderId: text('shader_id').notNull().references(() => shaders.id, { onDelete: 'cascade' }),
    value: integer('value').notNull(),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('uq_votes_user_shader').on(t.userId, t.shaderId)],
);

export const engagementEvents = sqliteTable(
  'engagement_events',
  {
    id: text('id').primaryKey(),
    userId: text('user_id').references(() => users.id),
    sessionId: text('session_id'),
    shaderId: text('shader_id').notNull().references(() => shaders.id, { onDelete: 'cascade' }),
    eventType: text('event_type', { enum: ['dwell', 'replay', 'share', 'generate_similar', 'skip', 'fork'] }).notNull(),
    dwellSecs: real('dwell_secs'),
    metadata: text('metadata', { mode: 'json' }),
    createdAt: createdAt(),
  },
  (t) => [index('idx_engagement_user').on(t.userId, t.createdAt), index('idx_engagement_shader').on(t.shaderId, t.eventType)],
);

export const desires = sqliteTable(
  'desires',
  {
    id: text('id').primaryKey(),
    authorId: text('author_id').references(() => users.id),
    promptText: text('prompt_text').notNull(),
    styleHints: text('style_hints', { mode: 'json' }),
    tipAmountCents: integer('tip_amount_cents').notNull().default(0),
    status: text('status', { enum: ['open', 'in_progress', 'fulfilled', 'expired'] }).notNull().default('open'),
    heatScore: real('heat_score').notNull().default(1),
    fulfilledByShader: text('fulfilled_by_shader').references(() => shaders.id),
    fulfilledAt: integer('fulfilled_at'),
    expiresAt: integer('expires_at'),
    /** The cluster (desire_clusters) this desire joined when it was posted. */
    clusterId: text('cluster_id'),
    /** What embedded prompt_text into vec_desire_embedding (e.g. hashed-ngrams-v1). */
    embeddingProvider: text('embedding_provider'),
    /** process_desire's decision and the automatic attempt's state (shared/schemas/desires.ts DesireFulfilment). */
    fulfilment: text('fulfilment', { mode: 'json' }),
    createdAt: createdAt(),
    /** Null until the desire first changes (ALTER TABLE cannot add a column with a computed default). */
    updatedAt: integer('updated_at'),
  },
  (t) => [index('idx_desires_status').on(t.status, t.heatScore), index('idx_desires_author').on(t.authorId), index('idx_desires_cluster').on(t.clusterId)],
);

export const desireClusters = sqliteTable(
  'desire_clusters',
  {
    clusterId: text('cluster_id').notNull(),
    desireId: text('desire_id').notNull().references(() => desires.id, { onDelete: 'cascade' }),
    similarity: real('similarity').notNull(),
  },
  (t) => [primaryKey({ columns: [t.clusterId, t.desireId] })],
);

/**
 * One personalised feed session: the ids served on each page, so later pages never repeat or
 * skip a shader even though the taste vector moves while the user scrolls.
 */
export const feedSessions = sqliteTable(
  'feed_sessions',
  {
    id: text('id').primaryKey(),
    userId: text('user_id').notNull().references(() => users.id),
    seed: integer('seed').notNull(),
    /** string[][]: page n → shader ids in served order. */
    pages: text('pages', { mode: 'json' }).$type<string[][]>().notNull().default(sql`'[]'`),
    createdAt: createdAt(),
  },
  (t) => [index('idx_feed_sessions_created').on(t.createdAt)],
);

export const bountyTips = sqliteTable('bounty_tips', {
  id: text('id').primaryKey(),
  desireId: text('desire_id').notNull().references(() => desires.id),
  tipperId: text('tipper_id').references(() => users.id),
  amountCents: integer('amount_cents').notNull(),
  stripePaymentIntentId: text('stripe_payment_intent_id'),
  status: text('status', { enum: ['held', 'released', 'refunded'] }).notNull().default('held'),
  createdAt: createdAt(),
});

export const creatorPayouts = sqliteTable('creator_payouts', {
  id: text('id').primaryKey(),
  creatorId: text('creator_id').references(() => users.id),
  desireId: text('desire_id').references(() => desires.id),
  grossAmountCents: integer('gross_amount_cents'),
  platformFeeCents: integer('platform_fee_cents'),
  netAmountCents: integer('net_amount_cents'),
  stripeTransferId: text('stripe_transfer_id'),
  status: text('status').notNull().default('pending'),
  createdAt: createdAt(),
});

export const apiKeys = sqliteTable(
  'api_keys',
  {
    id: text('id').primaryKey(),
    userId: text('user_id').notNull().references(() => users.id),
    /** Slow hash (scrypt) of the full key; the key itself is shown once and never stored. */
    keyHash: text('key_hash').notNull().unique(),
    keyPrefix: text('key_prefix').notNull(),
    name: text('name'),
    trustTier: text('trust_tier', { enum: ['probation', 'trusted', 'premium'] }).notNull().default('probation'),
    submissionsApproved: integer('submissions_approved').notNull().default(0),
    submissionsRejected: integer('submissions_rejected').notNull().default(0),
    rateLimitPerHour: integer('rate_limit_per_hour').notNull().default(10),
    lastUsedAt: integer('last_used_at'),
    createdAt: createdAt(),
    revokedAt: integer('revoked_at'),
  },
  (t) => [index('idx_api_keys_prefix').on(t.keyPrefix)],
);

export const generationLog = sqliteTable('generation_log', {
  id: text('id').primaryKey(),
  userId: text('user_id').references(() => users.id),
  shaderId: text('shader_id').references(() => shaders.id, { onDelete: 'set null' }),
  jobId: text('job_id'),
  provider: text('provider').notNull(),
  model: text('model'),
  promptText: text('prompt_text'),
  tokensUsed: integer('tokens_used'),
  costCents: integer('cost_cents'),
  success: integer('success', { mode: 'boolean' }),
  error: text('error'),
  createdAt: createdAt(),
});

export const comments = sqliteTable(
  'comments',
  {
    id: text('id').primaryKey(),
    shaderId: text('shader_id').notNull().references(() => shaders.id, { onDelete: 'cascade' }),
    authorId: text('author_id').references(() => users.id),
    body: text('body').notNull(),
    parentId: text('parent_id'),
    createdAt: createdAt(),
  },
  (t) => [index('idx_comments_shader').on(t.shaderId, t.createdAt)],
);

// Seed 000 §11f: dormant creator-economy tables.
export const sourceUnlocks = sqliteTable('source_unlocks', {
  id: text('id').primaryKey(),
  shaderId: text('shader_id').notNull().references(() => shaders.id),
  buyerId: text('buyer_id').notNull().references(() => users.id),
  licenseType: text('license_type', { enum: ['personal', 'commercial'] }).notNull(),
  amountCents: integer('amount_cents').notNull(),
  platformFeeCents: integer('platform_fee_cents').notNull(),
  stripePaymentIntentId: text('stripe_payment_intent_id'),
  createdAt: createdAt(),
});

export const creatorEngagementSnapshots = sqliteTable('creator_engagement_snapshots', {
  id: text('id').primaryKey(),
  creatorId: text('creator_id').notNull().references(() => users.id),
  month: text('month').notNull(),
  totalScore: real('total_score').notNull(),
  poolShare: real('pool_share'),
  payoutCents: integer('payout_cents'),
  paidAt: integer('paid_at'),
  createdAt: createdAt(),
});

/** Content-addressed files under media/ with provenance (which provider/model/job made them). */
export const mediaObjects = sqliteTable(
  'media_objects',
  {
    id: text('id').primaryKey(),
    sha256: text('sha256').notNull().unique(),
    mime: text('mime').notNull(),
    bytes: integer('bytes').notNull(),
    relPath: text('rel_path').notNull(),
    originalName: text('original_name'),
    provider: text('provider'),
    model: text('model'),
    jobId: text('job_id'),
    meta: text('meta', { mode: 'json' }),
    createdAt: createdAt(),
  },
  (t) => [index('idx_media_created').on(t.createdAt)],
);

export const jobs = sqliteTable(
  'jobs',
  {
    id: text('id').primaryKey(),
    kind: text('kind').notNull(),
    status: text('status', { enum: ['queued', 'running', 'succeeded', 'completed_with_problems', 'failed', 'cancelled'] }).notNull(),
    resource: text('resource', { enum: ['gpu', 'cpu', 'io'] }).notNull(),
    userId: text('user_id'),
    input: text('input', { mode: 'json' }).notNull(),
    result: text('result', { mode: 'json' }),
    error: text('error'),
    progress: real('progress').notNull().default(0),
    progressMessage: text('progress_message'),
    attempts: integer('attempts').notNull().default(0),
    maxAttempts: integer('max_attempts').notNull().default(3),
    attemptLog: text('attempt_log', { mode: 'json' }).notNull().default(sql`'[]'`),
    idempotencyKey: text('idempotency_key').unique(),
    priority: integer('priority').notNull().default(0),
    cancelRequested: integer('cancel_requested', { mode: 'boolean' }).notNull().default(false),
    /** Why a manual retry is refused (the verdict found the input at fault); null when it is allowed. */
    retryRefusal: text('retry_refusal'),
    /** Runner (process) that holds the job while running, its pid, and its last heartbeat. */
    ownerId: text('owner_id'),
    ownerPid: integer('owner_pid'),
    workerPid: integer('worker_pid'),
    heartbeatAt: integer('heartbeat_at'),
    runAfter: integer('run_after').notNull().default(0),
    /** Bumped on every change so other processes can stream updates they did not make. */
    rev: integer('rev').notNull().default(0),
    createdAt: createdAt(),
    updatedAt: integer('updated_at').notNull().default(now),
    startedAt: integer('started_at'),
    finishedAt: integer('finished_at'),
  },
  (t) => [
    index('idx_jobs_claim').on(t.status, t.resource, t.priority, t.createdAt),
    index('idx_jobs_updated').on(t.updatedAt),
    index('idx_jobs_kind').on(t.kind, t.createdAt),
  ],
);

/** Small key/value settings (provider configuration lands here; secrets are stored encrypted). */
export const settings = sqliteTable('settings', {
  key: text('key').primaryKey(),
  value: text('value', { mode: 'json' }).notNull(),
  updatedAt: integer('updated_at').notNull().default(now),
});

// ---- Shots studio (seed 003 §2). Soft delete (deleted_at) makes every delete undoable. --------

export const shotProjects = sqliteTable(
  'shot_projects',
  {
    id: text('id').primaryKey(),
    name: text('name').notNull(),
    resolution: text('resolution', { enum: ['720p', '1080p', '4k'] }).notNull().default('1080p'),
    aspectRatio: text('aspect_ratio', { enum: ['16:9', '9:16'] }).notNull().default('16:9'),
    veoVersion: text('veo_version').notNull().default('3.1'),
    createdAt: createdAt(),
    updatedAt: integer('updated_at').notNull().default(now),
    deletedAt: integer('deleted_at'),
  },
  (t) => [index('idx_shot_projects_updated').on(t.updatedAt)],
);

export const shotScenes = sqliteTable(
  'shot_scenes',
  {
    id: text('id').primaryKey(),
    projectId: text('project_id').notNull().references(() => shotProjects.id, { onDelete: 'cascade' }),
    slugline: text('slugline').notNull(),
    rawContent: text('raw_content'),
    sequenceNumber: integer('sequence_number').notNull(),
    /** Characters the parser found in the scene (the breakdown's hint). */
    characters: text('characters', { mode: 'json' }).$type<string[]>().notNull().default(sql`'[]'`),
    breakdownJobId: text('breakdown_job_id'),
    createdAt: createdAt(),
    updatedAt: integer('updated_at').notNull().default(now),
    deletedAt: integer('deleted_at'),
  },
  (t) => [index('idx_shot_scenes_project').on(t.projectId, t.sequenceNumber)],
);

export const shots = sqliteTable(
  'shots',
  {
    id: text('id').primaryKey(),
    sceneId: text('scene_id').notNull().references(() => shotScenes.id, { onDelete: 'cascade' }),
    description: text('description').notNull(),
    duration: real('duration'),
    sequenceNumber: integer('sequence_number').notNull(),
    /** The slot system: three entries, an ingredient id or null each. */
    assignedIngredients: text('assigned_ingredients', { mode: 'json' }).$type<(string | null)[]>().notNull().default(sql`'[null,null,null]'`),
    llmContextCache: text('llm_context_cache'),
    veoJsonPayload: text('veo_json_payload', { mode: 'json' }).$type<Record<string, unknown>>(),
    payloadSource: text('payload_source', { enum: ['llm', 'template', 'edited'] }),
    status: text('status', { enum: ['draft', 'generating_json', 'ready'] }).notNull().default('draft'),
    lastError: text('last_error'),
    shotType: text('shot_type'),
    camera: text('camera'),
    characters: text('characters', { mode: 'json' }).$type<string[]>().notNull().default(sql`'[]'`),
    source: text('source', { enum: ['llm', 'heuristic', 'manual'] }).notNull().default('manual'),
    payloadJobId: text('payload_job_id'),
    createdAt: createdAt(),
    updatedAt: integer('updated_at').notNull().default(now),
    deletedAt: integer('deleted_at'),
  },
  (t) => [index('idx_shots_scene').on(t.sceneId, t.sequenceNumber)],
);

export const shotIngredients = sqliteTable(
  'shot_ingredients',
  {
    id: text('id').primaryKey(),
    projectId: text('project_id').notNull().references(() => shotProjects.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    type: text('type', { enum: ['Character', 'Location', 'Object', 'Style'] }).notNull(),
    kind: text('kind', { enum: ['image', 'video'] }).notNull(),
    mediaId: text('media_id').notNull().references(() => mediaObjects.id),
    thumbnailMediaId: text('thumbnail_media_id').references(() => mediaObjects.id),
    posterMediaId: text('poster_media_id').references(() => mediaObjects.id),
    /** IngredientMetadata JSON: measured facts, plus caption/tags only when a vision model wrote them. */
    metadata: text('metadata', { mode: 'json' }).notNull(),
    provenance: text('provenance', { mode: 'json' }).notNull(),
    /** Slots emptied by a confirmed delete, refilled by restore: [{ shotId, slot }]. */
    clearedSlots: text('cleared_slots', { mode: 'json' }).$type<{ shotId: string; slot: number }[]>(),
    createdAt: createdAt(),
    updatedAt: integer('updated_at').notNull().default(now),
    deletedAt: integer('deleted_at'),
  },
  (t) => [index('idx_ingredients_project_type').on(t.projectId, t.type)],
);
export * from './world-schema.js';
export * from './video-schema.js';
export * from './video-arcade-schema.js';
export * from './video-liveloop-schema.js';
export * from './community-bounties-schema.js';
export * from './community-publish-schema.js';
