import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHostProcess, tempHome, type HostProcess } from '../helpers/host-process.js';
import { connectHttp, connectStdio, textOf } from '../helpers/mcp-clients.js';

describe('auteur mcp over stdio (as Claude Desktop spawns it)', () => {
  it('starts with a clean env and no host, lists tools and answers a call, logging only to stderr', async () => {
    const home = tempHome();
    const { client, stderr, close } = await connectStdio(home);
    try {
      const { tools } = await client.listTools();
      const names = tools.map((t) => t.name);
      expect(names).toEqual(expect.arrayContaining(['get_job', 'list_jobs']));
      const listTool = tools.find((t) => t.name === 'list_jobs')!;
      expect(listTool.inputSchema.properties).toHaveProperty('limit');
      const res = await client.callTool({ name: 'list_jobs', arguments: { limit: 5 } });
      expect(res.isError).toBeFalsy();
      expect(JSON.parse(textOf(res))).toEqual({ jobs: [] });
      const missing = await client.callTool({ name: 'get_job', arguments: { job_id: 'nope' } });
      expect(missing.isError).toBe(true);
      expect(textOf(missing)).toMatch(/Job nope was not found/);
      const invalid = await client.callTool({ name: 'list_jobs', arguments: { limit: 'lots' } });
      expect(invalid.isError).toBe(true);
      expect(textOf(invalid)).toMatch(/Input validation error.*at limit/);
      expect(stderr()).toMatch(/ready on stdio/);
    } finally {
      await close();
    }
  });
});

describe('MCP over Streamable HTTP with API keys', () => {
  let host: HostProcess;
  beforeAll(async () => {
    host = await startHostProcess();
  });
  afterAll(async () => {
    await host?.stop();
  });

  it('refuses calls without a live key and serves them with one', async () => {
    const none = await fetch(`${host.base}/mcp`, { method: 'POST', headers: { 'content-type': 'application/json', accept: 'application/json, text/event-stream' }, body: JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'tools/list' }) });
    expect(none.status).toBe(401);
    const hostToken = await fetch(`${host.base}/mcp`, { method: 'POST', headers: { authorization: `Bearer ${host.token}`, 'content-type': 'application/json' }, body: '{}' });
    expect(hostToken.status).toBe(401);

    const created = await host.api('/me/api-keys', { method: 'POST', json: { name: 'test agent' } });
    expect(created.status).toBe(201);
    const { key, apiKey } = (await created.json()) as { key: string; apiKey: { id: string; prefix: string; trustTier: string } };
    expect(key).toMatch(/^ak_[1-9A-HJ-NP-Za-km-z]{40,}$/);
    expect(apiKey.trustTier).toBe('probation');
    expect(key.startsWith(apiKey.prefix)).toBe(true);
    const listed = (await (await host.api('/me/api-keys')).json()) as { keys: Record<string, unknown>[] };
    expect(JSON.stringify(listed)).not.toContain(key);

    const client = await connectHttp(host.base, key);
    const res = await client.callTool({ name: 'list_jobs', arguments: {} });
    expect(res.isError).toBeFalsy();
    await client.close();

    const revoked = await host.api(`/me/api-keys/${apiKey.id}`, { method: 'DELETE' });
    expect(revoked.status).toBe(200);
    await expect(connectHttp(host.base, key)).rejects.toThrow(/unauthorized/);
  });

  it('refuses a foreign Origin on /mcp (DNS rebinding)', async () => {
    const res = await fetch(`${host.base}/mcp`, { method: 'POST', headers: { origin: 'https://evil.example', 'content-type': 'application/json' }, body: '{}' });
    expect(res.status).toBe(403);
  });
});
