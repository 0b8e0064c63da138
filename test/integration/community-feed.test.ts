import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { configFromEnv } from '../../relay/config.js';
import { createRelay, type Relay } from '../../relay/create-relay.js';
import { startHostProcess, tempHome, type HostProcess } from '../helpers/host-process.js';
import { connectStdio } from '../helpers/mcp-clients.js';

/**
 * The Community tab's host routes against a real relay (PGlite) started here: no relay set →
 * 409; signed out the feed, an item, its comments and its thumbnail read anonymously while votes
 * and comments are refused; signed in, votes and comments reach the relay (HTML stays text);
 * "Open in editor" makes one local draft with the relay/item/author provenance; the MCP tool
 * reads the same feed; a relay that is down is a 502 that says so, and it recovers.
 */
describe('community feed (host → relay)', () => {
  let relay: Relay;
  let relayOpen = false;
  let host: HostProcess;
  let dir: string;
  let port = '0';
  const startRelay = (env: Record<string, string> = {}) => createRelay(configFromEnv({ RELAY_PORT: port, RELAY_DATA_DIR: dir, RELAY_BCRYPT_COST: '4', ...env }), { log: () => {} });
  const json = async (r: Response) => ({ status: r.status, body: (await r.json()) as any });
  const get = (path: string) => host.api(path).then(json);
  const send = (method: string, path: string, body?: unknown) => host.api(path, { method, ...(body === undefined ? {} : { json: body }) }).then(json);
  const SHADER = { image: { code: 'void mainImage(out vec4 c, in vec2 f) { c = vec4(f / iResolution.xy, 0.5, 1.0); }' } };
  const EVIL = '<img src=x onerror="alert(1)"> Rings';
  let png: Buffer;
  let shaderId = '';
  let videoId = '';

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'community-feed-'));
    relay = await startRelay();
    relayOpen = true;
    port = new URL(relay.url).port;
    host = await startHostProcess(tempHome('auteur-community-feed-'), { CHROME_PATH: '/nonexistent/chromium' });
    // Someone else publishes on the relay directly: a shader with a thumbnail and a video.
    const reg = await fetch(`${relay.url}/api/v1/auth/register`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'pub', email: 'pub@example.test', password: 'correct horse battery' }) });
    expect(reg.status).toBe(201);
    const { accessToken } = (await reg.json()) as { accessToken: string };
    const auth = { authorization: `Bearer ${accessToken}` };
    const publish = async (body: unknown) => {
      const r = await fetch(`${relay.url}/api/v1/items`, { method: 'POST', headers: { ...auth, 'content-type': 'application/json' }, body: JSON.stringify(body) });
      expect(r.status).toBe(201);
      return ((await r.json()) as { id: string }).id;
    };
    shaderId = await publish({ kind: 'shader', title: EVIL, description: 'A gradient', tags: ['gradient', 'bad/tag!'], payload: JSON.stringify(SHADER), provenance: { generator: 'ai', model: 'tiny-model' } });
    videoId = await publish({ kind: 'video', title: 'Harbour at dawn', payload: '{"manifest":1}' });
    png = await sharp({ create: { width: 16, height: 9, channels: 3, background: '#3080f0' } }).png().toBuffer();
    const put = await fetch(`${relay.url}/api/v1/items/${shaderId}/thumbnail`, { method: 'PUT', headers: { ...auth, 'content-type': 'image/png' }, body: png });
    expect(put.status).toBe(200);
    // A preview may be an image too; the video item gets one to check Range passes through.
    const prev = await fetch(`${relay.url}/api/v1/items/${videoId}/preview`, { method: 'PUT', headers: { ...auth, 'content-type': 'image/png' }, body: png });
    expect(prev.status).toBe(200);
  }, 240_000);

  afterAll(async () => {
    await host?.stop();
    if (relayOpen) await relay.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('says no relay is set (409) before one is configured', async () => {
    const r = await get('/community/feed');
    expect([r.status, r.body.error.code]).toEqual([409, 'community_not_configured']);
    expect(r.body.error.message).toMatch(/Settings → Community/);
  });

  it('signed out: reads the feed, an item and its thumbnail anonymously; votes and comments are refused', async () => {
    await send('PUT', '/community/settings', { relayUrl: relay.url });
    const feed = await get('/community/feed?sort=new');
    expect(feed.status, JSON.stringify(feed.body)).toBe(200);
    expect(feed.body).toMatchObject({ relayUrl: relay.url, sort: 'new', signedIn: false, nextCursor: null });
    expect(feed.body.items.map((i: any) => i.id)).toEqual([videoId, shaderId]);
    const card = feed.body.items.find((i: any) => i.id === shaderId);
    expect(card).toMatchObject({ title: EVIL, author: { username: 'pub' }, thumbnailUrl: `/community/items/${shaderId}/thumbnail`, previewUrl: null, upvotes: 0, commentCount: 0 });

    const shadersOnly = await get('/community/feed?sort=trending&kind=shader');
    expect(shadersOnly.body.items.map((i: any) => i.id)).toEqual([shaderId]);
    const paged = await get('/community/feed?sort=new&limit=1');
    expect(paged.body.nextCursor).toBe('1');
    expect((await get(`/community/feed?sort=new&limit=1&cursor=${paged.body.nextCursor}`)).body.items.map((i: any) => i.id)).toEqual([shaderId]);
    expect((await get('/community/feed?sort=hot')).status).toBe(400);

    const item = await get(`/community/items/${shaderId}`);
    expect(item.status).toBe(200);
    expect(item.body).toMatchObject({ signedIn: false, myVote: null, comments: [], payload: JSON.stringify(SHADER), item: { id: shaderId, kind: 'shader' } });
    expect((await get('/community/items/not-a-uuid')).status).toBe(400);
    const missing = await get('/community/items/00000000-0000-4000-8000-000000000000');
    expect([missing.status, missing.body.error.code]).toEqual([404, 'relay_not_found']);

    const thumb = await host.api(`/community/items/${shaderId}/thumbnail`);
    expect(thumb.status).toBe(200);
    expect(thumb.headers.get('content-type')).toBe('image/png');
    expect(thumb.headers.get('x-content-type-options')).toBe('nosniff');
    expect(Buffer.from(await thumb.arrayBuffer()).equals(png)).toBe(true);
    const part = await host.api(`/community/items/${videoId}/preview`, { headers: { range: 'bytes=0-7' } });
    expect([part.status, part.headers.get('content-range')]).toEqual([206, `bytes 0-7/${png.length}`]);
    expect(Buffer.from(await part.arrayBuffer()).equals(png.subarray(0, 8))).toBe(true);
    const noPreview = await get(`/community/items/${shaderId}/preview`);
    expect(noPreview.status).toBe(404);
    expect((await fetch(`${host.base}/api/v1/community/items/${shaderId}/thumbnail`)).status).toBe(401);

    const vote = await send('POST', `/community/items/${shaderId}/vote`, { value: 1 });
    expect([vote.status, vote.body.error.code]).toEqual([409, 'community_signed_out']);
    const comment = await send('POST', `/community/items/${shaderId}/comments`, { body: 'hello' });
    expect([comment.status, comment.body.error.code]).toEqual([409, 'community_signed_out']);
  });

  it('signed in: votes toggle, comments are stored as typed text, and the feed counts them', async () => {
    const reg = await send('POST', '/community/register', { username: 'bora', email: 'bora@example.test', password: 'correct horse battery' });
    expect(reg.status, JSON.stringify(reg.body)).toBe(201);
    expect((await get(`/community/items/${shaderId}`)).body).toMatchObject({ signedIn: true, myVote: 0 });

    const up = await send('POST', `/community/items/${shaderId}/vote`, { value: 1 });
    expect(up.body).toEqual({ itemId: shaderId, upvotes: 1, downvotes: 0, score: expect.any(Number), myVote: 1 });
    expect((await get(`/community/items/${shaderId}`)).body).toMatchObject({ myVote: 1, item: { upvotes: 1 } });
    const down = await send('POST', `/community/items/${shaderId}/vote`, { value: -1 });
    expect(down.body).toMatchObject({ upvotes: 0, downvotes: 1, myVote: -1 });
    const off = await send('DELETE', `/community/items/${shaderId}/vote`);
    expect(off.body).toMatchObject({ upvotes: 0, downvotes: 0, myVote: 0 });
    expect((await send('POST', `/community/items/${shaderId}/vote`, { value: 2 })).status).toBe(400);
    await send('POST', `/community/items/${shaderId}/vote`, { value: 1 });

    const text = `Lovely </p><script>alert('x')</script> '; DROP TABLE comments; --`;
    const c = await send('POST', `/community/items/${shaderId}/comments`, { body: text });
    expect(c.status, JSON.stringify(c.body)).toBe(201);
    expect(c.body).toMatchObject({ itemId: shaderId, body: text, author: { username: 'bora' } });
    expect((await send('POST', `/community/items/${shaderId}/comments`, { body: '   ' })).status).toBe(400);
    const item = await get(`/community/items/${shaderId}`);
    expect(item.body.comments.map((x: any) => x.body)).toEqual([text]);
    const trending = await get('/community/feed?sort=trending');
    expect(trending.body.signedIn).toBe(true);
    expect(trending.body.items.find((i: any) => i.id === shaderId)).toMatchObject({ upvotes: 1, commentCount: 1 });
  });

  it('Open in editor makes one local draft that remembers the relay, item and author', async () => {
    const opened = await send('POST', `/community/items/${shaderId}/open`);
    expect(opened.status, JSON.stringify(opened.body)).toBe(201);
    expect(opened.body).toMatchObject({ created: true, origin: { relayUrl: relay.url, itemId: shaderId, author: 'pub' } });
    const shader = await get(`/shaders/${opened.body.shaderId}`);
    expect(shader.body).toMatchObject({
      title: EVIL,
      status: 'draft',
      tags: ['gradient'],
      source: { image: { code: SHADER.image.code } },
      provenance: { via: 'import', isAiGenerated: true, model: 'tiny-model', importedFrom: { author: 'pub', community: { relayUrl: relay.url, itemId: shaderId, author: 'pub' } } },
    });
    const again = await send('POST', `/community/items/${shaderId}/open`);
    expect([again.status, again.body.shaderId, again.body.created]).toEqual([200, opened.body.shaderId, false]);
    const video = await send('POST', `/community/items/${videoId}/open`);
    expect([video.status, video.body.error.code]).toEqual([409, 'community_not_a_shader']);
  });

  it('the MCP tool community_feed reads the same feed', async () => {
    const mcp = await connectStdio(host.home);
    try {
      const res = await mcp.client.callTool({ name: 'community_feed', arguments: { sort: 'new', kind: 'shader' } });
      expect(res.isError, JSON.stringify(res.content)).toBeFalsy();
      const s = res.structuredContent as { relay_url: string; items: Array<Record<string, unknown>> };
      expect(s.relay_url).toBe(relay.url);
      expect(s.items).toEqual([expect.objectContaining({ id: shaderId, kind: 'shader', author: 'pub', comment_count: 1, url: `${relay.url}/api/v1/items/${shaderId}` })]);
      const bad = await mcp.client.callTool({ name: 'community_feed', arguments: { sort: 'hot' } });
      expect(bad.isError).toBe(true);
    } finally {
      await mcp.close();
    }
  });

  it('relay down: a 502 that names the relay and says it could not be reached; back up, it reads again', async () => {
    await relay.close();
    relayOpen = false;
    const down = await get('/community/feed');
    expect([down.status, down.body.error.code]).toEqual([502, 'relay_unreachable']);
    expect(down.body.error.message).toContain(relay.url);
    expect((await get(`/community/items/${shaderId}/thumbnail`)).status).toBe(502);
    expect((await send('POST', `/community/items/${shaderId}/vote`, { value: 1 })).status).toBe(502);

    relay = await startRelay();
    relayOpen = true;
    const back = await get('/community/feed?sort=new');
    expect(back.status).toBe(200);
    expect(back.body.items).toHaveLength(2);
  });

  it('a relay that rate-limits the studio: 429 relay_rate_limited with the relay\'s reason', async () => {
    await relay.close();
    relayOpen = false;
    relay = await startRelay({ RELAY_RATE_ANON_PER_MIN: '2' });
    relayOpen = true;
    const answers = [];
    for (const sort of ['new', 'trending', 'new']) answers.push(await get(`/community/feed?sort=${sort}`));
    expect(answers.map((a) => a.status)).toEqual([200, 200, 429]);
    expect(answers[2]!.body.error.code).toBe('relay_rate_limited');
    expect(answers[2]!.body.error.message).toMatch(/Rate limit of 2 requests per minute/);
  });
});
