import { and, eq, gt, sql } from 'drizzle-orm';
import { desires, shaders } from '../../db/schema.js';
import { shaderServices } from '../../shaders/services.js';
import { jsonResult, registerTool } from '../tool-kit.js';
import { actorOf } from './actor.js';
import { shaderBrief } from './format.js';
import type { ToolDeps } from './tool-deps.js';

const PERIOD_MS = { '1h': 3600_000, '24h': 86_400_000, '7d': 7 * 86_400_000 } as const;

/** Seed §12 read tools: browse, trending, feed context, desire queue — plus post/fulfil desires. */
export function registerDiscoveryTools(d: ToolDeps): void {
  const svc = () => shaderServices(d.core);
  const db = () => d.core.database.db;

  registerTool(d.server, 'browse_shaders', { title: 'Browse shaders', description: 'Search and browse published shaders by text, tags, type and sort order.' }, d, async (args) => {
    const list = svc().queries.list({
      q: args.query,
      tag: args.tags?.[0],
      sort: args.sort,
      shaderType: args.shader_type === 'all' ? undefined : args.shader_type,
      limit: args.limit,
      cursor: args.cursor,
    });
    const wanted = (args.tags ?? []).map((t) => t.toLowerCase());
    const items = list.items.filter((s) => wanted.every((t) => s.tags.includes(t)));
    return jsonResult({ shaders: items.map(shaderBrief), next_cursor: list.nextCursor });
  });

  registerTool(d.server, 'get_trending', { title: 'Trending shaders', description: 'Trending shaders and what happened in the studio over a period.' }, d, async (args) => {
    const since = Date.now() - PERIOD_MS[args.period];
    const page = svc().feed.trending(undefined, args.limit);
    const count = (table: typeof shaders | typeof desires, col: typeof shaders.createdAt | typeof desires.createdAt) =>
      db().select({ n: sql<number>`count(*)` }).from(table).where(gt(col, since)).get()!.n;
    return jsonResult({
      period: args.period,
      trending: page.items.map((c) => ({ ...shaderBrief(c), why: c.why })),
      stats: {
        new_shaders: count(shaders, shaders.createdAt),
        new_desires: count(desires, desires.createdAt),
        open_desires: db().select({ n: sql<number>`count(*)` }).from(desires).where(eq(desires.status, 'open')).get()!.n,
        published_total: db().select({ n: sql<number>`count(*)` }).from(shaders).where(and(eq(shaders.status, 'published'), eq(shaders.isPublic, true))).get()!.n,
      },
    });
  });

  registerTool(
    d.server,
    'get_feed_context',
    { title: 'Feed context', description: "What is trending, which styles are missing, and the hottest open desires — context for deciding what to make. Optionally the owner's taste profile." },
    d,
    async (args, env) => {
      const s = svc();
      const trending = s.feed.trending(undefined, 8).items;
      const open = s.desires.list({ status: 'open', sort: 'heat', limit: 8 });
      const tags = s.queries.tags(30);
      // Style gaps: words people ask for that few shaders are tagged with.
      const tagSet = new Map(tags.map((t) => [t.tag, t.count]));
      const asked = new Map<string, number>();
      for (const dsr of open.items) for (const w of dsr.promptText.toLowerCase().match(/[a-z]{4,}/g) ?? []) asked.set(w, (asked.get(w) ?? 0) + 1);
      const gaps = [...asked.entries()].filter(([w]) => (tagSet.get(w) ?? 0) < 2).sort((a, b) => b[1] - a[1]).slice(0, 8).map(([w, n]) => ({ word: w, desires: n, shaders_tagged: tagSet.get(w) ?? 0 }));
      const out: Record<string, unknown> = {
        trending: trending.map(shaderBrief),
        top_open_desires: open.items.map((x) => ({ id: x.id, prompt_text: x.promptText, heat: x.heatScore, status: x.status })),
        popular_tags: tags.slice(0, 15),
        style_gaps: gaps,
      };
      if (args.include_taste_profile) {
        const page = s.feed.personal(actorOf(env.principal).userId, undefined, 5);
        out.taste_profile = { has_taste_vector: s.taste.get(actorOf(env.principal).userId) !== null, closest_to_taste: page.items.map((c) => ({ ...shaderBrief(c), why: c.why })) };
      }
      return jsonResult(out);
    },
  );

  registerTool(d.server, 'get_desire_queue', { title: 'Desire queue', description: 'Open shader desires/bounties sorted by demand heat score.' }, d, async (args) => {
    const list = svc().desires.list({ status: 'open', minHeat: args.min_heat, sort: 'heat', limit: args.limit });
    const items = list.items.filter((x) => (args.has_tip ? x.tipAmountCents > 0 : true) && x.tipAmountCents >= (args.min_tip_cents ?? 0));
    return jsonResult({ desires: items.map((x) => ({ id: x.id, prompt_text: x.promptText, heat_score: x.heatScore, status: x.status, style_hints: x.styleHints, tip_amount_cents: x.tipAmountCents, created_at: x.createdAt, expires_at: x.expiresAt })) });
  });

  registerTool(d.server, 'post_desire', { title: 'Post a desire', description: 'Ask for a shader ("something like…"); similar desires cluster and heat up.' }, d, async (args, env) => {
    const style = args.style_hints;
    const created = svc().desires.create(
      {
        promptText: args.prompt_text,
        ttlDays: 14,
        autoFulfil: args.auto_fulfil,
        styleHints: style ? { ...(style.chaos_level !== undefined ? { chaos: style.chaos_level } : {}), ...(style.color_temperature ? { temperatureLabel: style.color_temperature } : {}), ...(style.motion_type ? { motionType: style.motion_type } : {}) } : undefined,
      },
      actorOf(env.principal),
    );
    return jsonResult({ desire: created as unknown as Record<string, unknown> });
  });

  registerTool(d.server, 'fulfill_desire', { title: 'Fulfil a desire', description: 'Mark an open desire as fulfilled by a published shader (trusted keys and above).' }, d, async (args, env) => {
    const r = svc().desires.fulfill(args.desire_id, args.shader_id, actorOf(env.principal));
    return jsonResult({ desire: r as unknown as Record<string, unknown> });
  });
}
