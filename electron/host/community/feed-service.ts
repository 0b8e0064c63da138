import { z } from 'zod';
import type {
  CommunityComment,
  CommunityCommentBody,
  CommunityFeedPage,
  CommunityFeedQuery,
  CommunityItem,
  CommunityItemDetail,
  CommunityVoteResult,
} from '../../../shared/schemas/community-feed.js';
import { RelayComment, RelayFeedPage, RelayItemDetail, type RelayItem } from '../../../shared/schemas/relay-community.js';
import { AppError } from '../errors.js';
import type { CoreContext } from '../host-context.js';
import { communityFor, type CommunityService } from './community-service.js';
import { expectOk, relayFetch, type RelayReply } from './relay-http.js';

const RelayVoteReply = z.object({ upvotes: z.number().int(), downvotes: z.number().int(), score: z.number(), myVote: z.union([z.literal(1), z.literal(-1), z.literal(0)]) });
const RelayComments = z.object({ comments: z.array(RelayComment) });

/** The relay's media URLs become host paths: the renderer fetches them with the host token. */
export function communityItemOf(item: RelayItem): CommunityItem {
  const path = (slot: string) => `/community/items/${encodeURIComponent(item.id)}/${slot}`;
  return { ...item, thumbnailUrl: item.thumbnailUrl ? path('thumbnail') : null, previewUrl: item.previewUrl ? path('preview') : null };
}

const itemPath = (id: string, rest = '') => `/api/v1/items/${encodeURIComponent(id)}${rest}`;

/**
 * The Community tab's reads and writes against the configured relay. Reads go as the signed-in
 * user when there is one (the relay then reports your vote) and anonymously otherwise, or when
 * the stored sign-in no longer works; votes and comments need the sign-in.
 */
export class CommunityFeedService {
  constructor(private readonly ctx: CoreContext) {}

  private get community(): CommunityService {
    return communityFor(this.ctx);
  }

  async feed(q: CommunityFeedQuery): Promise<CommunityFeedPage> {
    const base = this.community.requireRelay();
    const { signedIn } = await this.community.status();
    const params = new URLSearchParams({ limit: String(q.limit), offset: q.cursor ?? '0' });
    if (q.kind) params.set('kind', q.kind);
    if (q.q) params.set('q', q.q);
    // Feed pages are public and the relay shares them between readers: always anonymous.
    const reply = await relayFetch(base, 'GET', `/api/v1/feed/${q.sort}?${params}`);
    const page = parseOr502(RelayFeedPage, expectOk(base, reply, 'Reading the community feed'), base, 'a feed page');
    return {
      relayUrl: base,
      sort: q.sort,
      signedIn,
      items: page.items.map(communityItemOf),
      nextCursor: page.nextOffset === null ? null : String(page.nextOffset),
    };
  }

  async item(id: string): Promise<CommunityItemDetail> {
    const base = this.community.requireRelay();
    const { reply, asUser } = await this.read(itemPath(id));
    const detail = parseOr502(RelayItemDetail, expectOk(base, reply, 'Reading the community item'), base, 'an item');
    const comments = parseOr502(RelayComments, expectOk(base, await relayFetch(base, 'GET', itemPath(id, '/comments')), 'Reading the comments'), base, 'comments');
    const { payload, myVote, ...item } = detail;
    return {
      relayUrl: base,
      signedIn: asUser,
      item: communityItemOf(item),
      payload,
      myVote: asUser ? (myVote ?? 0) : null,
      comments: comments.comments,
    };
  }

  /** The item alone (payload included), as the signed-in user when possible: private items are visible only to their author. */
  async rawItem(id: string): Promise<z.infer<typeof RelayItemDetail>> {
    const base = this.community.requireRelay();
    const { reply } = await this.read(itemPath(id));
    return parseOr502(RelayItemDetail, expectOk(base, reply, 'Reading the community item'), base, 'an item');
  }

  async vote(id: string, value: 1 | -1): Promise<CommunityVoteResult> {
    return this.voteReply(id, await this.community.authed('POST', itemPath(id, '/vote'), { json: { value } }), 'Voting');
  }

  async unvote(id: string): Promise<CommunityVoteResult> {
    return this.voteReply(id, await this.community.authed('DELETE', itemPath(id, '/vote')), 'Taking back the vote');
  }

  async comment(id: string, body: CommunityCommentBody): Promise<CommunityComment> {
    const base = this.community.requireRelay();
    const reply = await this.community.authed('POST', itemPath(id, '/comments'), { json: body });
    return parseOr502(RelayComment, expectOk(base, reply, 'Commenting'), base, 'the new comment');
  }

  private voteReply(id: string, reply: RelayReply, what: string): CommunityVoteResult {
    const base = this.community.requireRelay();
    const v = parseOr502(RelayVoteReply, expectOk(base, reply, what), base, 'vote counts');
    return { itemId: id, ...v };
  }

  /** GET as the signed-in user, falling back to anonymous when nobody is (or the sign-in was ended). */
  private async read(path: string): Promise<{ reply: RelayReply; asUser: boolean }> {
    const base = this.community.requireRelay();
    if ((await this.community.status()).signedIn) {
      try {
        return { reply: await this.community.authed('GET', path), asUser: true };
      } catch (err) {
        if (!(err instanceof AppError && err.code === 'community_signed_out')) throw err;
      }
    }
    return { reply: await relayFetch(base, 'GET', path), asUser: false };
  }
}

function parseOr502<T>(schema: z.ZodType<T>, value: unknown, base: string, what: string): T {
  const r = schema.safeParse(value);
  if (!r.success) throw new AppError(502, 'relay_bad_response', `${base} answered, but not with ${what}: is it an Auteur community relay of this version?`);
  return r.data;
}

const services = new WeakMap<CoreContext, CommunityFeedService>();

export function communityFeedFor(ctx: CoreContext): CommunityFeedService {
  let s = services.get(ctx);
  if (!s) services.set(ctx, (s = new CommunityFeedService(ctx)));
  return s;
}
