import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { startHostProcess, type HostProcess } from '../helpers/host-process.js';

let host: HostProcess;
beforeAll(async () => {
  host = await startHostProcess();
});
afterAll(async () => {
  await host?.stop();
});

/** Raw request so we can forge the Host header, which fetch refuses to set. */
function rawGet(path: string, headers: Record<string, string>): Promise<{ status: number; body: string }> {
  const u = new URL(host.base);
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port: u.port, path, method: 'GET', headers }, (res) => {
      let body = '';
      res.on('data', (d: Buffer) => (body += d.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

describe('local API security', () => {
  it('answers health without a token', async () => {
    const res = await fetch(`${host.base}/api/v1/health`);
    expect(res.status).toBe(200);
    const body = (await res.json()) as { ok: boolean; sqlite: { version: string; vec: string } };
    expect(body.ok).toBe(true);
    expect(body.sqlite.version).toMatch(/^3\./);
    expect(body.sqlite.vec).toMatch(/^v0\./);
  });

  it('refuses API calls without or with a wrong token (401 JSON)', async () => {
    const none = await fetch(`${host.base}/api/v1/jobs`);
    expect(none.status).toBe(401);
    expect(((await none.json()) as { error: { code: string } }).error.code).toBe('unauthorized');
    const wrong = await fetch(`${host.base}/api/v1/jobs`, { headers: { authorization: 'Bearer nope' } });
    expect(wrong.status).toBe(401);
    const unknown = await fetch(`${host.base}/api/v1/does-not-exist`);
    expect(unknown.status).toBe(401);
    const ok = await host.api('/jobs');
    expect(ok.status).toBe(200);
  });

  it('refuses a foreign Host header (DNS rebinding) even with the right token', async () => {
    const port = new URL(host.base).port;
    const res = await rawGet('/api/v1/health', { host: `evil.example:${port}`, authorization: `Bearer ${host.token}` });
    expect(res.status).toBe(403);
    expect(JSON.parse(res.body).error.code).toBe('forbidden_origin');
    const page = await rawGet('/', { host: `evil.example:${port}` });
    expect(page.status).toBe(403);
    const good = await rawGet('/api/v1/health', { host: `localhost:${port}` });
    expect(good.status).toBe(200);
  });

  it('refuses cross-origin requests and sends no CORS headers', async () => {
    const res = await host.api('/jobs', { headers: { origin: 'https://evil.example' } });
    expect(res.status).toBe(403);
    expect(res.headers.get('access-control-allow-origin')).toBeNull();
    const pre = await fetch(`${host.base}/api/v1/jobs`, { method: 'OPTIONS', headers: { origin: 'https://evil.example', 'access-control-request-method': 'POST' } });
    expect(pre.status).toBe(403);
    const same = await host.api('/jobs', { headers: { origin: host.base } });
    expect(same.status).toBe(200);
  });

  it('protects the events socket with the token and Origin check', async () => {
    const wsBase = host.base.replace('http', 'ws');
    const denied = await new Promise<number>((resolve) => {
      const ws = new WebSocket(`${wsBase}/api/v1/events`);
      ws.on('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0));
      ws.on('open', () => resolve(101));
    });
    expect(denied).toBe(401);
    const foreign = await new Promise<number>((resolve) => {
      const ws = new WebSocket(`${wsBase}/api/v1/events?token=${host.token}`, { origin: 'https://evil.example' });
      ws.on('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0));
      ws.on('open', () => resolve(101));
    });
    expect(foreign).toBe(403);
    const hello = await new Promise<{ type: string }>((resolve, reject) => {
      const ws = new WebSocket(`${wsBase}/api/v1/events?token=${host.token}`);
      ws.on('message', (d) => {
        resolve(JSON.parse(d.toString()));
        ws.close();
      });
      ws.on('error', reject);
    });
    expect(hello.type).toBe('hello');
  });

  it('gives clear errors for malformed requests', async () => {
    const badJson = await host.api('/jobs', { method: 'POST', body: '{"kind":', headers: { 'content-type': 'application/json' } });
    expect(badJson.status).toBe(400);
    expect(((await badJson.json()) as { error: { code: string } }).error.code).toBe('invalid_json');
    const unknownKind = await host.api('/jobs', { method: 'POST', json: { kind: 'no.such.kind', input: {} } });
    expect(unknownKind.status).toBe(400);
    expect(((await unknownKind.json()) as { error: { message: string } }).error.message).toContain('system.diagnose');
    const badInput = await host.api('/jobs', { method: 'POST', json: { kind: 'system.diagnose', input: { probes: ['nope'] } } });
    expect(badInput.status).toBe(400);
    expect(((await badInput.json()) as { error: { message: string } }).error.message).toMatch(/probes/);
    const huge = await host.api('/jobs', { method: 'POST', json: { kind: 'system.diagnose', input: { pad: 'x'.repeat(3 * 1024 * 1024) } } });
    expect(huge.status).toBe(413);
    const missing = await host.api('/jobs/not-a-job');
    expect(missing.status).toBe(404);
  });

  it('serves an OpenAPI document generated from the route table', async () => {
    const res = await fetch(`${host.base}/api/v1/openapi.json`);
    expect(res.status).toBe(200);
    const doc = (await res.json()) as { openapi: string; paths: Record<string, Record<string, { operationId: string; requestBody?: unknown }>> };
    expect(doc.openapi).toMatch(/^3\./);
    expect(doc.paths['/api/v1/jobs']?.post?.operationId).toBe('jobs.create');
    expect(doc.paths['/api/v1/jobs']?.post?.requestBody).toBeDefined();
    expect(doc.paths['/api/v1/jobs/{id}/cancel']?.post).toBeDefined();
  });

  it('answers the dormant creator-economy routes with 501', async () => {
    const res = await host.api('/shaders/abc/unlock', { method: 'POST' });
    expect(res.status).toBe(501);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe('not_implemented');
  });
});
