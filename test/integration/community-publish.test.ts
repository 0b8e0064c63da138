import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Job } from '../../shared/schemas/jobs.js';
import { ManualClock } from '../../relay/clock.js';
import { configFromEnv } from '../../relay/config.js';
import { createRelay, type Relay } from '../../relay/create-relay.js';
import { startHostProcess, type HostProcess } from '../helpers/host-process.js';
import { waitForJob } from '../helpers/jobs.js';

/**
 * "Publish to community" through a real host against a relay started here (PGlite): not signed
 * in → 409 and no job; a shipped shader lands in the relay's `new` feed with its thumbnail and
 * provenance; a relay that is down keeps the job queued with the reason and it retries by
 * itself, publishing once the relay is back up. (Videos and prefabs: community-publish-kinds.)
 */
describe('community publish (host job → relay)', () => {
  let relay: Relay;
  let relayOpen = false;
  let host: HostProcess;
  let dir: string;
  let port: string;
  const clock = new ManualClock(Date.now());
  const startRelay = () => createRelay(configFromEnv({ RELAY_PORT: port, RELAY_DATA_DIR: dir, RELAY_BCRYPT_COST: '4' }), { clock, log: () => {} });
  const json = async (r: Response) => ({ status: r.status, body: (await r.json()) as any });
  const post = (path: string, body?: unknown) => host.api(path, { method: 'POST', ...(body === undefined ? {} : { json: body }) }).then(json);
  const done = (id: string) => waitForJob(host, id, (j) => ['succeeded', 'failed', 'cancelled', 'completed_with_problems'].includes(j.status), 'community.publish to end');
  let shaders: { id: string; title: string; thumbnailUrl: string | null }[] = [];

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'community-publish-'));
    port = '0';
    relay = await startRelay();
    relayOpen = true;
    port = new URL(relay.url).port;
    // The shipped shader library, no Chromium: seeds are ready from their precomputed thumbnails.
    host = await startHostProcess(undefined, { AUTEUR_SEED_LIBRARY: '1', CHROME_PATH: '/nonexistent/chromium' });
    shaders = ((await (await host.api('/feed?limit=10')).json()) as { items: typeof shaders }).items.filter((s) => s.thumbnailUrl);
  }, 240_000);

  afterAll(async () => {
    await host?.stop();
    if (relayOpen) await relay.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('refuses with a 409 and queues nothing when no relay is set or nobody is signed in', async () => {
    expect(shaders.length).toBeGreaterThan(1);
    const noRelay = await post('/community/publish', { kind: 'shader', id: shaders[0]!.id });
    expect([noRelay.status, noRelay.body.error.code]).toEqual([409, 'community_not_configured']);
    await host.api('/community/settings', { method: 'PUT', json: { relayUrl: relay.url } });
    const signedOut = await post('/community/publish', { kind: 'shader', id: shaders[0]!.id });
    expect([signedOut.status, signedOut.body.error.code]).toEqual([409, 'community_signed_out']);
    const missing = await post('/community/publish', { kind: 'shader', id: 'no-such-shader' });
    expect(missing.status).toBe(404);
    const list = await host.api('/jobs');
    expect(list.status).toBe(200);
    const { jobs } = (await list.json()) as { jobs: Job[] };
    expect(Array.isArray(jobs)).toBe(true);
    expect(jobs.filter((j) => j.kind === 'community.publish')).toHaveLength(0);
  });

  it('publishes a shipped shader: it appears in the relay new feed with its thumbnail and provenance', async () => {
    const reg = await post('/community/register', { username: 'ada', email: 'ada@example.test', password: 'correct horse battery' });
    expect(reg.status, JSON.stringify(reg.body)).toBe(201);
    const shader = shaders[0]!;
    const queued = await post('/community/publish', { kind: 'shader', id: shader.id });
    expect(queued.status, JSON.stringify(queued.body)).toBe(202);
    expect(queued.body).toMatchObject({ kind: 'community.publish', input: { kind: 'shader', id: shader.id } });
    const job = await done(queued.body.id);
    expect(job.status, job.error ?? '').toBe('succeeded');
    const result = job.result as { relayItemId: string; thumbnail: boolean; relayUrl: string };
    expect(result).toMatchObject({ relayUrl: relay.url, thumbnail: true });

    const feed = (await (await fetch(`${relay.url}/api/v1/feed/new`)).json()) as { items: any[] };
    const item = feed.items.find((i) => i.id === result.relayItemId);
    expect(item).toMatchObject({ kind: 'shader', title: shader.title, author: { username: 'ada' }, provenance: { app: 'auteur-studio', sourceId: shader.id } });
    expect(item.thumbnailUrl).toBeTruthy();
    const thumb = await fetch(`${relay.url}/api/v1/items/${item.id}/thumbnail`);
    expect(thumb.status).toBe(200);
    expect(thumb.headers.get('content-type')).toMatch(/^image\//);
    expect((await thumb.arrayBuffer()).byteLength).toBeGreaterThan(100);
    const detail = (await (await fetch(`${relay.url}/api/v1/items/${item.id}`)).json()) as { payload: string };
    expect(JSON.stringify(JSON.parse(detail.payload))).toMatch(/mainImage/);
  });

  it('relay down → the job stays queued with the reason and retries by itself; once the relay is back it publishes', async () => {
    await relay.close();
    relayOpen = false;
    const shader = shaders[1]!;
    const queued = await post('/community/publish', { kind: 'shader', id: shader.id });
    expect(queued.status, JSON.stringify(queued.body)).toBe(202);
    const waiting = await waitForJob(host, queued.body.id, (j) => j.status === 'queued' && j.attempts >= 1 && !!j.error, 'a failed attempt queued for retry', 60_000);
    expect(waiting.error).toMatch(/could not be reached/);

    relay = await startRelay();
    relayOpen = true;
    const ok = await waitForJob(host, queued.body.id, (j) => ['succeeded', 'failed'].includes(j.status), 'the publish after the relay came back', 120_000);
    expect(ok.status, ok.error ?? '').toBe('succeeded');
    const id = (ok.result as { relayItemId: string }).relayItemId;
    const feed = (await (await fetch(`${relay.url}/api/v1/feed/new`)).json()) as { items: { id: string; title: string }[] };
    expect(feed.items.find((i) => i.id === id)).toMatchObject({ title: shader.title });
    expect(feed.items.filter((i) => i.title === shader.title)).toHaveLength(1);
  }, 180_000);

  it("a refusal by the relay (the free tier's monthly publish limit) fails the job at once with the reason, without retries", async () => {
    expect(shaders.length).toBeGreaterThanOrEqual(6);
    // Two published above; the free tier allows five a month.
    for (const s of shaders.slice(2, 5)) {
      const q = await post('/community/publish', { kind: 'shader', id: s.id });
      expect(q.status, JSON.stringify(q.body)).toBe(202);
      expect((await done(q.body.id)).status).toBe('succeeded');
    }
    const sixth = await post('/community/publish', { kind: 'shader', id: shaders[5]!.id });
    expect(sixth.status, JSON.stringify(sixth.body)).toBe(202);
    const failed = await done(sixth.body.id);
    expect(failed.status).toBe('failed');
    expect(failed.attempts).toBe(1);
    expect(failed.error).toMatch(/publishes 5 items a month/);
    const records = (await (await host.api(`/community/publications?kind=shader&id=${shaders[5]!.id}`)).json()) as { publications: { relayItemId: string | null; lastJobId: string }[] };
    expect(records.publications).toMatchObject([{ relayItemId: null, lastJobId: sixth.body.id }]);
  }, 120_000);
});
