// MCP tool-call latency (browse, render, submit) over stdio and Streamable HTTP, each against
// the same work through the plain REST API in the same run. A real `auteur serve` host and a real
// `auteur mcp` beside it (the host runs the jobs both queue).
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { row, type BenchRow } from './table.js';

const GLSL = `void mainImage(out vec4 c, in vec2 p) { vec2 uv = p / iResolution.xy; c = vec4(0.5 + 0.5 * cos(iTime + uv.xyx + vec3(0, 2, 4)), 1.0); }`;
const ENV = { ...process.env, AUTEUR_SEED_LIBRARY: '0' };

async function startHost(bin: string, home: string): Promise<{ base: string; token: string; stop: () => void }> {
  const proc = spawn(process.execPath, [bin, 'serve', '--port', '0', '--home', home], { env: ENV, stdio: ['ignore', 'pipe', 'ignore'] });
  const line = await new Promise<string>((resolve, reject) => {
    let out = '';
    proc.stdout.on('data', (d: Buffer) => {
      out += d.toString();
      if (out.includes('\n')) resolve(out);
    });
    proc.once('exit', (c) => reject(new Error(`host exited ${c}`)));
  });
  const m = /(http:\/\/127\.0\.0\.1:\d+)\/\?token=(\S+)/.exec(line);
  if (!m?.[1] || !m[2]) throw new Error(`unexpected host output: ${line}`);
  return { base: m[1], token: m[2], stop: () => proc.kill('SIGTERM') };
}

async function timed(fn: () => Promise<unknown>): Promise<number> {
  const t0 = performance.now();
  await fn();
  return performance.now() - t0;
}

export async function benchMcp(bin: string): Promise<BenchRow[]> {
  const home = mkdtempSync(join(tmpdir(), 'auteur-bench-mcp-'));
  const host = await startHost(bin, home);
  const auth = { authorization: `Bearer ${host.token}`, 'content-type': 'application/json' };
  const rest = async (path: string, init: RequestInit = {}) => (await fetch(`${host.base}/api/v1${path}`, { ...init, headers: auth })).json() as Promise<Record<string, unknown>>;
  const waitJob = async (id: string) => {
    for (;;) {
      const j = await rest(`/jobs/${id}`);
      if (['succeeded', 'failed', 'cancelled'].includes(j.status as string)) return j;
      await new Promise((r) => setTimeout(r, 50));
    }
  };
  try {
    const { key } = (await rest('/me/api-keys', { method: 'POST', body: JSON.stringify({ name: 'bench', trustTier: 'premium' }) })) as { key: string };
    const http = new Client({ name: 'bench-http', version: '1' });
    await http.connect(new StreamableHTTPClientTransport(new URL(`${host.base}/mcp`), { requestInit: { headers: { Authorization: `Bearer ${key}` } } }));
    const stdio = new Client({ name: 'bench-stdio', version: '1' });
    await stdio.connect(new StdioClientTransport({ command: process.execPath, args: [bin, 'mcp', '--home', home], env: ENV as Record<string, string>, stderr: 'ignore' }));
    const clients = { stdio, http } as const;

    const rows: BenchRow[] = [];
    const renderArgs = { glsl_code: GLSL, width: 160, height: 90, times: [1] };
    const restRender = async () => waitJob(((await rest('/render', { method: 'POST', body: JSON.stringify({ source: { image: { code: GLSL } }, width: 160, height: 90, seconds: 0, thumbnailTime: 1, preview: 'none' }) })) as { id: string }).id);
    // Warm-up: first render launches the browser; first submit fills caches.
    await restRender();
    await stdio.callTool({ name: 'render_shader', arguments: renderArgs }, undefined, { timeout: 120_000 });

    const browseBase: number[] = [];
    for (let i = 0; i < 10; i++) browseBase.push(await timed(() => rest('/shaders?sort=new&limit=10')));
    const renderBase: number[] = [];
    for (let i = 0; i < 3; i++) renderBase.push(await timed(restRender));
    const submitBase: number[] = [];
    for (let i = 0; i < 3; i++) {
      submitBase.push(
        await timed(async () => {
          const s = (await rest('/shaders', { method: 'POST', body: JSON.stringify({ title: `bench rest ${i}`, glslCode: GLSL }) })) as { lastRenderJobId: string };
          await waitJob(s.lastRenderJobId);
        }),
      );
    }
    for (const [name, client] of Object.entries(clients)) {
      const browse: number[] = [];
      for (let i = 0; i < 10; i++) browse.push(await timed(() => client.callTool({ name: 'browse_shaders', arguments: { sort: 'new', limit: 10 } })));
      rows.push(row(`MCP ${name}: browse_shaders`, browse, browseBase));
      const render: number[] = [];
      for (let i = 0; i < 3; i++) render.push(await timed(() => client.callTool({ name: 'render_shader', arguments: renderArgs }, undefined, { timeout: 120_000 })));
      rows.push(row(`MCP ${name}: render_shader 160x90`, render, renderBase));
      const submit: number[] = [];
      for (let i = 0; i < 3; i++) submit.push(await timed(() => client.callTool({ name: 'submit_shader', arguments: { glsl_code: GLSL, title: `bench ${name} ${i}` } }, undefined, { timeout: 300_000 })));
      rows.push(row(`MCP ${name}: submit_shader (lint+render)`, submit, submitBase));
    }
    await http.close();
    await stdio.close();
    return rows;
  } finally {
    host.stop();
    setTimeout(() => rmSync(home, { recursive: true, force: true }), 2000).unref();
  }
}
