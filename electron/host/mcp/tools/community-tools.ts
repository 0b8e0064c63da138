import type { CommunityItem } from '../../../../shared/schemas/community-feed.js';
import { communityFeedFor } from '../../community/feed-service.js';
import { queuePublish } from '../../community/publish-jobs.js';
import { jobSummary } from './job-tools.js';
import { jsonResult, registerTool } from '../tool-kit.js';
import type { ToolDeps } from './tool-deps.js';

/** What an agent needs of a community item; `url` is the relay's own address of it (the payload is there). */
const itemBrief = (relayUrl: string, i: CommunityItem) => ({
  id: i.id,
  kind: i.kind,
  title: i.title,
  description: i.description,
  tags: i.tags,
  author: i.author.username,
  upvotes: i.upvotes,
  downvotes: i.downvotes,
  score: i.score,
  commentCount: i.commentCount,
  createdAt: i.createdAt,
  generator: i.provenance.generator,
  model: i.provenance.model ?? null,
  url: `${relayUrl}/api/v1/items/${i.id}`,
});

/**
 * Community relay tools (issue 14). community_feed reads the relay's trending/new feed through
 * the host's sign-in-free read path; the publish and bounty tools join this file.
 */
export function registerCommunityTools(d: ToolDeps): void {
  registerTool(
    d.server,
    'community_feed',
    {
      title: 'Read the community feed',
      description:
        "Lists what people published on the community relay set in Settings → Community: 'trending' (votes with age decay) or 'new', optionally one kind (shader, video, prefab) or title words. Works signed out. Page on with cursor = next_cursor. Fails with a clear message when no relay is set or it cannot be reached.",
    },
    d,
    async (args) => {
      const page = await communityFeedFor(d.core).feed({ sort: args.sort, kind: args.kind, q: args.query, cursor: args.cursor, limit: args.limit });
      return jsonResult({ relayUrl: page.relayUrl, sort: page.sort, items: page.items.map((i) => itemBrief(page.relayUrl, i)), nextCursor: page.nextCursor });
    },
  );
  registerTool(
    d.server,
    'community_publish',
    {
      title: 'Publish to the community relay',
      description:
        "Publishes a shader, a finished library video (manifest, thumbnail, preview; a final MP4 over the relay's 50 MB limit goes as a 30 s 480p clip) or a world prefab (recipe JSON and a drawn thumbnail), with provenance, to the relay signed in under Settings → Community. Returns at once with the community.publish job; follow it with get_job (while the relay is unreachable the job stays queued and retries, its error saying why). Refused when no relay is set, nobody is signed in, or it is already published there; the job already queued for it is returned again.",
    },
    d,
    async (args) => jsonResult(jobSummary(await queuePublish(d.core, { kind: args.kind, id: args.id }))),
  );
}
