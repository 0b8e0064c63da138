import { ModerationQueue, RejectBody, ReviewResult } from '../schemas/moderation.js';
import { IdParams } from './core.js';
import type { RouteSpec } from './route-spec.js';

/** Seed 000 §4c: submissions from probation API keys wait here for the owner. */
export const MODERATION_ROUTES = {
  'admin.queue': { method: 'get', path: '/admin/queue', summary: 'Submissions waiting for review (probation API keys), oldest first', tag: 'moderation', auth: 'token', response: ModerationQueue },
  'admin.approve': { method: 'post', path: '/admin/queue/:id/approve', summary: 'Approve a submission: it is published and counts toward its key\'s promotion', tag: 'moderation', auth: 'token', params: IdParams, response: ReviewResult },
  'admin.reject': { method: 'post', path: '/admin/queue/:id/reject', summary: 'Reject a submission with a reason', tag: 'moderation', auth: 'token', params: IdParams, body: RejectBody, response: ReviewResult },
} as const satisfies Record<string, RouteSpec>;
