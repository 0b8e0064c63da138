import { z } from 'zod';
import { Id, IsoDate } from './common.js';
import { DeclaredStyle, UserRef } from './shaders.js';

/** Desire queue (seed 000 §9): what people want to see, clustered by meaning, ranked by heat. */

export const DesireStatus = z.enum(['open', 'in_progress', 'fulfilled', 'expired']);
export type DesireStatus = z.infer<typeof DesireStatus>;

/** The generated draft offered to the poster as the answer (seed §9 step 6), waiting for accept or reject. */
export const DesireCandidate = z.object({
  shaderId: Id,
  title: z.string(),
  /** Who wrote it: 'procedural' or the LLM provider id, with its model. */
  provider: z.string(),
  model: z.string(),
  jobId: Id,
  proposedAt: IsoDate,
});
export type DesireCandidate = z.infer<typeof DesireCandidate>;

/**
 * process_desire (seed §9 steps 5–6): what the studio decided when the desire was posted —
 * generate it now ('auto') or list it on the board for creators ('board') — and how the
 * automatic attempt went. Null on desires posted before this existed.
 */
export const DesireFulfilment = z.object({
  mode: z.enum(['auto', 'board']),
  /** Why, in words (heat and queue numbers included). */
  reason: z.string(),
  decidedAt: IsoDate,
  /** The shader.generate job of the automatic attempt (the latest one), null when listed on the board. */
  jobId: Id.nullable(),
  /** 'generating' while that job runs; 'candidate' when its draft waits for the poster; 'failed' when it failed. */
  state: z.enum(['listed', 'generating', 'candidate', 'accepted', 'rejected', 'failed']),
  candidate: DesireCandidate.nullable(),
  /** Drafts the poster turned down (never offered again). */
  rejectedShaderIds: z.array(Id),
  /** Why the last automatic attempt failed (the job's error). */
  lastError: z.string().nullable(),
});
export type DesireFulfilment = z.infer<typeof DesireFulfilment>;

export const Desire = z.object({
  id: Id,
  promptText: z.string(),
  styleHints: DeclaredStyle.nullable(),
  tipAmountCents: z.number().int(),
  status: DesireStatus,
  /** log(similar open desires in the last 7 days + 1) × 1/(1 + age_hours/24). */
  heatScore: z.number(),
  clusterId: z.string().nullable(),
  clusterSize: z.number().int(),
  fulfilledBy: z.object({ id: Id, title: z.string() }).nullable(),
  fulfilledAt: IsoDate.nullable(),
  expiresAt: IsoDate.nullable(),
  author: UserRef.nullable(),
  fulfilment: DesireFulfilment.nullable(),
  createdAt: IsoDate,
  updatedAt: IsoDate,
});
export type Desire = z.infer<typeof Desire>;

export const DesireClusterMember = z.object({ desire: Desire, similarity: z.number() });

/** Similar desires (cosine > 0.82) grouped: the cluster's heat is the seed formula over its members. */
export const DesireCluster = z.object({
  id: z.string(),
  heat: z.number(),
  size: z.number().int(),
  openCount: z.number().int(),
  members: z.array(DesireClusterMember),
});
export type DesireCluster = z.infer<typeof DesireCluster>;

export const DesireDetail = Desire.extend({
  cluster: DesireCluster.nullable(),
  /** Shaders submitted for it that are still rendering. */
  pendingShaderIds: z.array(Id),
});
export type DesireDetail = z.infer<typeof DesireDetail>;

export const DesireList = z.object({ items: z.array(Desire), nextCursor: z.string().nullable() });
export type DesireList = z.infer<typeof DesireList>;

export const DesireListQuery = z.object({
  status: z.enum(['open', 'in_progress', 'fulfilled', 'expired', 'active', 'all']).default('active').describe('active = open + in_progress'),
  minHeat: z.coerce.number().min(0).optional(),
  sort: z.enum(['heat', 'new']).default('heat'),
  limit: z.coerce.number().int().min(1).max(50).default(20),
  cursor: z.string().max(200).optional(),
});
export type DesireListQuery = z.infer<typeof DesireListQuery>;

export const CreateDesireBody = z
  .object({
    promptText: z.string().trim().min(3, 'Describe the desire in at least 3 characters').max(500, 'A desire is at most 500 characters'),
    styleHints: DeclaredStyle.optional(),
    ttlDays: z.number().int().min(1).max(90).default(14),
    /**
     * Let the studio answer it right away with the configured generator when the desire is
     * lukewarm and the queue is clear (process_desire); false lists it on the board only.
     */
    autoFulfil: z.boolean().default(true),
  })
  .strict();
export type CreateDesireBody = z.infer<typeof CreateDesireBody>;

export const FulfillDesireBody = z.object({ shaderId: Id }).strict();

/** The poster's verdict on the candidate: accept publishes it and fulfils the desire; reject reopens the desire. */
export const ReviewCandidateBody = z
  .object({
    verdict: z.enum(['accept', 'reject']),
    /** The candidate the poster looked at: refused (409) if a newer one replaced it meanwhile. */
    shaderId: Id.optional(),
    /** With reject: generate another candidate right away (a new seed) instead of only listing it on the board. */
    retry: z.boolean().default(false),
  })
  .strict();
export type ReviewCandidateBody = z.infer<typeof ReviewCandidateBody>;
