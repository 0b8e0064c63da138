import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../../relay/clock.js';
import { configFromEnv } from '../../relay/config.js';
import { createRelay, type Relay } from '../../relay/create-relay.js';
import type { CommunityPublicationList } from '../../shared/schemas/community-publish.js';
import type { Job } from '../../shared/schemas/jobs.js';
import type { PrefabNode } from '../../shared/schemas/world.js';
import { startHostProcess, tempHome, type HostProcess } from '../helpers/host-process.js';
import { seedPublishables } from '../helpers/community-publish-seed.js';
import { getJob, waitForJob } from '../helpers/jobs.js';
import { connectStdio, textOf } from '../helpers/mcp-clients.js';

/**
 * Publishing a library video and a world prefab through a real host (its worker and hooks)
 * to a PGlite relay started here: what lands on the relay (payload, provenance, thumbnail,
 * preview), the studio's publication record, a second publish refused, and a relay that is
 * down while the app publishes (the job stays queued and retries, then publishes once the
 * relay is back, as one item).
 */
let videoId: string;
let prefabId: string;

describe('community publish: a library video and a world prefab', () => {
  let relay: Relay;
  let relayOpen = false;
  let host: HostProcess;
  let dir: string;
  let port = '0';
  const clock = new ManualClock(Date.now());
  const startRelay = () => createRelay(configFromEnv({ RELAY_PORT: port, RELAY_DATA_DIR: dir, RELAY_BCRYPT_COST: '4' }), { clock, log: () => {} });
  const json = async (r: Response) => ({ status: r.status, body: (await r.json()) as any });
  const post = (path: string, body?: unknown) => host.api(path, { method: 'POST', ...(body === undefined ? {} : { json: body }) }).then(json);
  const ended = (j: Job) => ['succeeded', 'failed', 'cancelled', 'completed_with_problems'].includes(j.status);
  const records = async (kind: string, id: string) => ((await (await host.api(`/community/publications?kind=${kind}&id=${id}`)).json()) as CommunityPublicationList).publications;
  const relayItem = async (id: string) => (await fetch(`${relay.url}/api/v1/items/${id}`)).json() as Promise<any>;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'community-publish-kinds-'));
    relay = await startRelay();
    relayOpen = true;
    port = new URL(relay.url).port;
    const home = tempHome('auteur-publish-kinds-');
    ({ videoId, prefabId } = await seedPublishables(home));
    host = await startHostProcess(home);
    await host.api('/community/settings', { method: 'PUT', json: { relayUrl: relay.url } });
    const reg = await post('/community/register', { username: 'grace', email: 'grace@example.test', password: 'correct horse battery' });
    expect(reg.status, JSON.stringify(reg.body)).toBe(201);
  }, 240_000);

  afterAll(async () => {
    await host?.stop();
    if (relayOpen) await relay.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('publishes a library video: manifest and provenance, thumbnail, the final MP4 as preview, records it; a second publish is refused until it is removed from the community', async () => {
    expect((await post('/community/publish', { kind: 'video', id: 'no-such-video' })).status).toBe(404);
    // Through MCP (`auteur mcp` on the same data dir, as the owner): the tool answers with the job at once.
    const mcp = await connectStdio(host.home, { AUTEUR_SEED_LIBRARY: '0' });
    let jobId: string;
    try {
      const res = await mcp.client.callTool({ name: 'community_publish', arguments: { kind: 'video', id: videoId } });
      expect(res.isError, textOf(res)).toBeFalsy();
      const summary = res.structuredContent as { job_id: string; kind: string };
      expect(summary.kind).toBe('community.publish');
      jobId = summary.job_id;
    } finally {
      await mcp.close();
    }
    const job = await waitForJob(host, jobId, ended, 'the video publish', 90_000);
    expect(job.status, job.error ?? '').toBe('succeeded');
    const result = job.result as { relayItemId: string; thumbnail: boolean; preview: boolean; previewClipped: boolean };
    expect(result).toMatchObject({ relayUrl: relay.url, thumbnail: true, preview: true, previewClipped: false });

    const item = await relayItem(result.relayItemId);
    expect(item).toMatchObject({ kind: 'video', title: 'The Lamp Keeper', author: { username: 'grace' }, provenance: { app: 'auteur-studio', generator: 'ai', sourceId: videoId } });
    expect(item.provenance.provider).toMatch(/embedded/);
    expect(item.provenance.provider).toMatch(/chromium/);
    const manifest = JSON.parse(item.payload);
    expect(manifest).toMatchObject({ format: 'auteur-video', durationSec: 2, scenes: [{ sceneId: 's1', provider: 'chromium', voiceProvider: 'espeak' }] });
    const preview = await fetch(`${relay.url}/api/v1/items/${item.id}/preview`);
    expect(preview.headers.get('content-type')).toBe('video/mp4');
    expect((await preview.arrayBuffer()).byteLength).toBeGreaterThan(1000);
    const thumb = await fetch(`${relay.url}/api/v1/items/${item.id}/thumbnail`);
    expect(thumb.headers.get('content-type')).toBe('image/jpeg');

    const [rec] = await records('video', videoId);
    expect(rec).toMatchObject({ kind: 'video', localId: videoId, relayUrl: relay.url, relayItemId: item.id, lastJobId: job.id, thumbnail: true, preview: true, previewClipped: false, currentRelay: true });
    expect(rec!.publishedAt).toBeTruthy();
    expect(rec!.itemUrl).toBe(`${relay.url}/api/v1/items/${item.id}`);

    const again = await post('/community/publish', { kind: 'video', id: videoId });
    expect([again.status, again.body.error.code]).toEqual([409, 'community_already_published']);
    expect(again.body.error.message).toContain(item.id);

    // Remove from community: gone on the relay and here, and then it can be published again (a new item).
    const removed = await json(await host.api(`/community/publications/${rec!.id}`, { method: 'DELETE' }));
    expect(removed).toEqual({ status: 200, body: { ok: true, removedFromRelay: true } });
    expect((await fetch(`${relay.url}/api/v1/items/${item.id}`)).status).toBe(404);
    expect(await records('video', videoId)).toEqual([]);
    expect((await host.api(`/community/publications/${rec!.id}`, { method: 'DELETE' })).status).toBe(404);
    const republished = await post('/community/publish', { kind: 'video', id: videoId });
    expect(republished.status, JSON.stringify(republished.body)).toBe(202);
    const second = await waitForJob(host, republished.body.id, ended, 'the video published again', 90_000);
    expect(second.status, second.error ?? '').toBe('succeeded');
    expect((second.result as { relayItemId: string }).relayItemId).not.toBe(item.id);
  }, 120_000);

  it('relay down while publishing a prefab: the job stays queued and retries, then publishes one item with a drawn thumbnail once the relay is back', async () => {
    await relay.close();
    relayOpen = false;
    const queued = await post('/community/publish', { kind: 'prefab', id: prefabId });
    expect(queued.status, JSON.stringify(queued.body)).toBe(202);
    const waiting = await waitForJob(host, queued.body.id, (j) => j.status === 'queued' && j.attempts >= 1 && !!j.error, 'a failed attempt queued for retry', 120_000);
    expect(waiting.error).toMatch(/could not be reached/);
    expect(waiting.maxAttempts).toBeGreaterThan(5);
    const pending = await records('prefab', prefabId);
    expect(pending).toMatchObject([{ relayItemId: null, publishedAt: null, lastJobId: queued.body.id }]);
    // Publishing again while it waits answers the same job, not a second one.
    const same = await post('/community/publish', { kind: 'prefab', id: prefabId });
    expect([same.status, same.body.id]).toEqual([202, queued.body.id]);

    relay = await startRelay();
    relayOpen = true;
    const done = await waitForJob(host, queued.body.id, ended, 'the prefab publish after the relay came back', 120_000);
    expect(done.status, done.error ?? '').toBe('succeeded');
    expect(done.attempts).toBeGreaterThan(1);
    const result = done.result as { relayItemId: string; thumbnail: boolean; notes?: string[] };
    expect(result.thumbnail, JSON.stringify(result.notes)).toBe(true);

    const item = await relayItem(result.relayItemId);
    expect(item).toMatchObject({ kind: 'prefab', title: 'Table set', tags: ['furniture'], provenance: { generator: 'human', sourceId: prefabId } });
    const payload = JSON.parse(item.payload);
    expect(payload).toMatchObject({ format: 'auteur-prefab', name: 'Table set' });
    expect(payload.nodes.map((n: PrefabNode) => n.key)).toEqual(['table', 'lamp']);
    const thumb = await fetch(`${relay.url}/api/v1/items/${item.id}/thumbnail`);
    expect(thumb.headers.get('content-type')).toBe('image/png');
    // Kept to look at: the two placeholder boxes drawn on the grid.
    mkdirSync('test-results/screenshots', { recursive: true });
    writeFileSync('test-results/screenshots/community-prefab-thumbnail.png', Buffer.from(await thumb.arrayBuffer()));
    const feed = (await (await fetch(`${relay.url}/api/v1/feed/new?kind=prefab`)).json()) as { items: { id: string }[] };
    expect(feed.items.map((i) => i.id)).toEqual([item.id]);
    expect(await records('prefab', prefabId)).toMatchObject([{ relayItemId: item.id, thumbnail: true, preview: false, currentRelay: true }]);
    expect((await getJob(host, queued.body.id)).status).toBe('succeeded');
  }, 300_000);
});
