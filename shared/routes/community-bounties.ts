import { BountyActionResult, BountyBoard, BountyBoardQuery, BountyFulfilBody, BountyIdParams, BountyPostBody, BountyPostsList } from '../schemas/community-bounties.js';
import type { RouteSpec } from './route-spec.js';

/** The relay's bounty board from the Shaders studio (issue 14); every call goes through the signed-in relay session. */
export const COMMUNITY_BOUNTY_ROUTES = {
  'community.bounties': {
    auth: 'token', tag: 'community', method: 'get', path: '/community/bounties', query: BountyBoardQuery, response: BountyBoard,
    summary: "The relay's bounty board, hottest first (open, or fulfilled), with held tips, status, and which ones this studio posted",
  },
  'community.bountyPosts': {
    auth: 'token', tag: 'community', method: 'get', path: '/community/bounties/posts', response: BountyPostsList,
    summary: 'Local desires this studio posted to the current relay, each with the tip status the relay reports now',
  },
  'community.bountyPost': {
    auth: 'token', tag: 'community', method: 'post', path: '/community/bounties', body: BountyPostBody, response: BountyActionResult, status: 201,
    summary: 'Post a local desire to the relay bounty board (Pro); a tip answers with the Checkout page that pays it and stays pending_payment until Stripe confirms',
  },
  'community.bountyFulfil': {
    auth: 'token', tag: 'community', method: 'post', path: '/community/bounties/:id/fulfil', params: BountyIdParams, body: BountyFulfilBody, response: BountyActionResult,
    summary: 'Fulfil a board desire with a local shader already published to this relay (409 naming the publish step when it is not)',
  },
  'community.bountyAccept': {
    auth: 'token', tag: 'community', method: 'post', path: '/community/bounties/:id/accept', params: BountyIdParams, response: BountyActionResult,
    summary: "Poster: accept the fulfilment, releasing the held tips to the creator now",
  },
  'community.bountyReject': {
    auth: 'token', tag: 'community', method: 'post', path: '/community/bounties/:id/reject', params: BountyIdParams, response: BountyActionResult,
    summary: 'Poster: "not what I wanted" within 48 h: held tips are refunded and the desire re-opens',
  },
} as const satisfies Record<string, RouteSpec>;
