/**
 * The relay's HTTP routes (seed §13 with "items" generalising shaders to shaders, videos and
 * prefabs). Bodies and answers are the zod schemas in shared/schemas/relay-*.ts.
 */
export const RELAY_ROUTES = {
  health: 'GET /api/v1/health',
  register: 'POST /api/v1/auth/register',
  login: 'POST /api/v1/auth/login',
  refresh: 'POST /api/v1/auth/refresh',
  logout: 'POST /api/v1/auth/logout',
  me: 'GET /api/v1/me',
  apiKeysList: 'GET /api/v1/me/api-keys',
  apiKeysCreate: 'POST /api/v1/me/api-keys',
  apiKeysRevoke: 'DELETE /api/v1/me/api-keys/:id',
  publish: 'POST /api/v1/items',
  item: 'GET /api/v1/items/:id',
  deleteItem: 'DELETE /api/v1/items/:id',
  putThumbnail: 'PUT /api/v1/items/:id/thumbnail',
  putPreview: 'PUT /api/v1/items/:id/preview',
  getThumbnail: 'GET /api/v1/items/:id/thumbnail',
  getPreview: 'GET /api/v1/items/:id/preview',
  vote: 'POST /api/v1/items/:id/vote',
  unvote: 'DELETE /api/v1/items/:id/vote',
  comments: 'GET /api/v1/items/:id/comments',
  comment: 'POST /api/v1/items/:id/comments',
  trending: 'GET /api/v1/feed/trending',
  newest: 'GET /api/v1/feed/new',
  profile: 'GET /api/v1/users/:username',
  desires: 'GET /api/v1/desires',
  postDesire: 'POST /api/v1/desires',
  desire: 'GET /api/v1/desires/:id',
  tip: 'POST /api/v1/desires/:id/tip',
  fulfil: 'POST /api/v1/desires/:id/fulfill',
  accept: 'POST /api/v1/desires/:id/accept',
  reject: 'POST /api/v1/desires/:id/reject',
  payouts: 'GET /api/v1/me/payouts',
  checkout: 'POST /api/v1/payments/checkout',
  credits: 'POST /api/v1/payments/credits',
  portal: 'GET /api/v1/payments/portal',
  webhook: 'POST /api/v1/payments/webhook',
  connectOnboard: 'POST /api/v1/payments/connect/onboard',
  creditBalance: 'GET /api/v1/generate/credits',
  chargeGeneration: 'POST /api/v1/generate/charge',
} as const;

/** Seed §11f creator-economy routes: present, documented, answering 501 until that rollout. */
export const RELAY_NOT_IMPLEMENTED_ROUTES = [
  'GET /api/v1/dashboard',
  'GET /api/v1/shaders/:id/unlock-status',
  'POST /api/v1/shaders/:id/unlock',
  'POST /api/v1/shaders/:id/commercial',
  'POST /api/v1/me/creator/apply',
  'GET /api/v1/me/creator/earnings',
] as const;
