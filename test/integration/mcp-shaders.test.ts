import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { startHostProcess, tempHome, type HostProcess } from '../helpers/host-process.js';
import { connectHttp, connectStdio, textOf } from '../helpers/mcp-clients.js';

const GOOD = `void mainImage(out vec4 fragColor, in vec2 fragCoord) {
  vec2 uv = fragCoord / iResolution.xy;
  fragColor = vec4(0.5 + 0.5 * cos(iTime + uv.xyx + vec3(0, 2, 4)), 1.0);
}`;
const BROKEN = `void mainImage(out vec4 fragColor, in vec2 fragCoord) {
  vec2 uv = fragCoord / iResolution.xy;
  fragColor = vec4(uv, nope, 1.0);
}`;
const NO_SEEDS = { AUTEUR_SEED_LIBRARY: '0' };
const hosts: HostProcess[] = [];
afterAll(async () => {
  for (const h of hosts) await h.stop();
});

describe('MCP shader tools', () => {
  it('over stdio with no host: renders to an image, reports compile errors by line, submits, and the shader reaches the feed', async () => {
    const home = tempHome();
    const { client, close } = await connectStdio(home, NO_SEEDS);
    let shaderId: string;
    try {
      const names = (await client.listTools()).tools.map((t) => t.name);
      expect(names).toEqual(
        expect.arrayContaining(['submit_shader', 'browse_shaders', 'get_desire_queue', 'fulfill_desire', 'get_trending', 'get_feed_context', 'tag_shader', 'render_shader', 'generate_shader', 'get_job', 'list_jobs', 'post_desire', 'vote_shader']),
      );

      const rendered = await client.callTool({ name: 'render_shader', arguments: { glsl_code: GOOD, width: 160, height: 90 } }, undefined, { timeout: 120_000 });
      expect(rendered.isError).toBeFalsy();
      const image = (rendered.content as { type: string; data?: string; mimeType?: string }[]).find((c) => c.type === 'image')!;
      expect(image.mimeType).toBe('image/png');
      expect(Buffer.from(image.data!, 'base64').subarray(1, 4).toString()).toBe('PNG');

      const broken = await client.callTool({ name: 'render_shader', arguments: { glsl_code: BROKEN, width: 160, height: 90 } }, undefined, { timeout: 120_000 });
      expect(broken.isError).toBe(true);
      expect(textOf(broken)).toMatch(/compile_error/);
      expect(textOf(broken)).toMatch(/line 3/);

      const submitted = await client.callTool({ name: 'submit_shader', arguments: { glsl_code: GOOD, title: 'Cosine drift', tags: ['gradient', 'calm'] } }, undefined, { timeout: 150_000 });
      expect(submitted.isError).toBeFalsy();
      const body = JSON.parse(textOf(submitted)) as { status: string; shader: { id: string } };
      expect(body.status).toBe('published');
      shaderId = body.shader.id;

      const browse = await client.callTool({ name: 'browse_shaders', arguments: { query: 'cosine', sort: 'new' } });
      expect(JSON.parse(textOf(browse)).shaders.map((s: { id: string }) => s.id)).toContain(shaderId);
      const source = await client.readResource({ uri: `auteur://shaders/${shaderId}/source.glsl` });
      expect((source.contents[0] as { text: string }).text).toContain('mainImage');
    } finally {
      await close();
    }

    const host = await startHostProcess(home, NO_SEEDS);
    hosts.push(host);
    const feed = (await (await host.api('/feed/new')).json()) as { items: { id: string; provenance: { via: string } }[] };
    const card = feed.items.find((c) => c.id === shaderId);
    expect(card?.provenance.via).toBe('mcp');
  }, 300_000);

  it('over HTTP with a probation key: queued for review, trusted-only tools refused, rate limit at 11, approval publishes', async () => {
    const home = tempHome();
    const host = await startHostProcess(home, NO_SEEDS);
    hosts.push(host);
    const { key, apiKey } = (await (await host.api('/me/api-keys', { method: 'POST', json: { name: 'probation agent' } })).json()) as { key: string; apiKey: { id: string } };
    const client = await connectHttp(host.base, key);

    const submitted = await client.callTool({ name: 'submit_shader', arguments: { glsl_code: GOOD, title: 'Probation piece' } }, undefined, { timeout: 150_000 });
    expect(submitted.isError).toBeFalsy();
    const body = JSON.parse(textOf(submitted)) as { status: string; shader: { id: string } };
    expect(body.status).toBe('pending_review');

    const tag = await client.callTool({ name: 'tag_shader', arguments: { shader_id: body.shader.id, tags: ['x'] } });
    expect(tag.isError).toBe(true);
    expect(textOf(tag)).toMatch(/needs a trusted API key/);

    // Nine more submissions in the last hour (inserted as durable history) make ten: the 11th is refused.
    const db = new Database(join(home, 'studio.db'));
    const ins = db.prepare("insert into shaders (id, author_id, title, glsl_code, source, status, origin, submitted_by_api_key, created_at, updated_at) values (?, 'local-owner', ?, ?, ?, 'draft', 'mcp', ?, ?, ?)");
    for (let i = 0; i < 9; i++) ins.run(`prior-${i}`, `prior ${i}`, GOOD, JSON.stringify({ common: '', buffers: [], image: { code: GOOD, channels: [] } }), apiKey.id, Date.now(), Date.now());
    db.close();
    const limited = await client.callTool({ name: 'submit_shader', arguments: { glsl_code: GOOD, title: 'One too many' } });
    expect(limited.isError).toBe(true);
    expect(textOf(limited)).toMatch(/Rate limit reached: probation keys may submit 10 shaders per hour/);

    const queue = (await (await host.api('/admin/queue')).json()) as { items: { shader: { id: string } }[] };
    expect(queue.items.map((i) => i.shader.id)).toEqual([body.shader.id]);
    const approved = await host.api(`/admin/queue/${body.shader.id}/approve`, { method: 'POST' });
    expect(approved.status).toBe(200);
    const shader = (await (await host.api(`/shaders/${body.shader.id}`)).json()) as { status: string };
    expect(shader.status).toBe('published');
    const keys = (await (await host.api('/me/api-keys')).json()) as { keys: { id: string; submissionsApproved: number }[] };
    expect(keys.keys.find((k) => k.id === apiKey.id)?.submissionsApproved).toBe(1);
    await client.close();
  }, 300_000);

  it('with a host running beside auteur mcp, jobs queued from MCP run exactly once, by the host', async () => {
    const home = tempHome();
    const host = await startHostProcess(home, NO_SEEDS);
    hosts.push(host);
    const { client, stderr, close } = await connectStdio(home, NO_SEEDS);
    try {
      expect(stderr()).toMatch(/jobs run by the host/);
      const res = await client.callTool({ name: 'render_shader', arguments: { glsl_code: GOOD, width: 128, height: 72, times: [1, 2] } }, undefined, { timeout: 150_000 });
      expect(res.isError).toBeFalsy();
      const jobs = (await (await host.api('/jobs?kind=shader.render')).json()) as { jobs: { id: string; attempts: number; attemptLog: unknown[] }[] };
      expect(jobs.jobs).toHaveLength(2);
      for (const j of jobs.jobs) {
        expect(j.attempts).toBe(1);
        expect(j.attemptLog).toHaveLength(1);
      }
      const db = new Database(join(home, 'studio.db'), { readonly: true });
      const owners = db.prepare("select owner_pid from jobs where kind = 'shader.render'").all() as { owner_pid: number }[];
      db.close();
      expect(owners.every((o) => o.owner_pid === host.proc.pid)).toBe(true);
    } finally {
      await close();
    }
  }, 300_000);
});
