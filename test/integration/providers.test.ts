import { execFile } from 'node:child_process';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import type { ServerEvent } from '../../shared/events.js';
import type { Job } from '../../shared/schemas/jobs.js';
import type { ProviderSettingsView } from '../../shared/schemas/provider-settings.js';
import type { ConfigurationRow, DoctorProviderRow, ProvidersResponse, ProviderTestResponse } from '../../shared/schemas/provider-status.js';
import { startFakeOllama, type FakeOllama } from '../fixtures/fake-ollama.js';
import { BIN, startHostProcess, tempHome, type HostProcess } from '../helpers/host-process.js';
import { waitForJob } from '../helpers/jobs.js';

// Provider settings on real `auteur serve` processes: precedence, encryption at rest, restarts,
// the live provider table, the test button and the Ollama pull job against a protocol fake.

const SECRET = `sk-ant-api03-INTEGRATION-${Date.now()}-never-shown`;
const run = promisify(execFile);

/** Clear the provider env of the machine running the tests, so only what a test sets applies. */
const CLEAN_ENV = { OLLAMA_HOST: '', OPENAI_BASE_URL: '', OPENAI_API_KEY: '', ANTHROPIC_API_KEY: '', COMFYUI_URL: 'http://127.0.0.1:9', ELEVENLABS_API_KEY: '' };

let fake: FakeOllama;
let home: string;
let host: HostProcess | undefined;
/** Every response body this test received from the host. */
const bodies: string[] = [];

async function call<T>(path: string, init: RequestInit & { json?: unknown } = {}): Promise<{ status: number; body: T }> {
  const res = await host!.api(path, init);
  const text = await res.text();
  bodies.push(text);
  return { status: res.status, body: (text ? JSON.parse(text) : undefined) as T };
}

beforeAll(async () => {
  fake = await startFakeOllama({ models: ['llama3.2:latest'], version: '0.12.6' });
  home = tempHome('auteur-providers-');
  host = await startHostProcess(home, { ...CLEAN_ENV, OLLAMA_HOST: fake.url });
});

afterAll(async () => {
  await host?.stop();
  await fake?.close();
});

describe('provider settings and status on a real host', () => {
  it('lists every capability, with the embedded defaults built in and Ollama from OLLAMA_HOST in use', async () => {
    const { status, body } = await call<ProvidersResponse>('/providers');
    expect(status).toBe(200);
    expect(body.capabilities.map((c) => c.capability)).toEqual(['llm', 'vision', 'embeddings', 'image', 'video', 'tts', 'asr', 'encode', 'render']);
    for (const cap of ['llm', 'embeddings', 'render'] as const) {
      expect(body.capabilities.find((c) => c.capability === cap)?.embeddedDefault, cap).not.toBeNull();
    }
    for (const c of body.capabilities) {
      const emb = c.providers.find((p) => p.id === c.embeddedDefault);
      if (c.embeddedDefault) expect(emb?.state, `${c.capability}: ${emb?.detail}`).toBe('embedded');
    }
    const llm = body.capabilities.find((c) => c.capability === 'llm')!;
    const ollama = llm.providers.find((p) => p.id === 'ollama')!;
    expect(ollama).toMatchObject({ state: 'reachable', version: '0.12.6' });
    expect(ollama.models).toContain('llama3.2:latest');
    expect(llm.inUse).toBe('ollama');
    expect(llm.model).toBe('llama3.2:latest');
    expect(llm.why).toBe('auto: first with a model for LLM text / JSON, model llama3.2:latest (URL set by OLLAMA_HOST)');
    // Reachable, but with no vision model pulled it is not in use for vision.
    expect(body.capabilities.find((c) => c.capability === 'vision')!.inUse).not.toBe('ollama');
  });

  it('shows env-set values as env with the variable name', async () => {
    const { body } = await call<ProviderSettingsView>('/providers/settings');
    expect(body.fields['ollama.url']).toMatchObject({ value: fake.url, source: 'env', env: 'OLLAMA_HOST' });
    expect(body.fields['whisper.model']).toMatchObject({ value: 'base.en', source: 'default' });
    expect(body.secrets.anthropic).toMatchObject({ set: false, source: 'default' });
    expect(body.encryption.kind).toBe('aes-256-gcm');
  });

  it('rejects an invalid URL with a 400 that names the field', async () => {
    const { status, body } = await call<{ error: { code: string; message: string } }>('/providers/settings', { method: 'PUT', json: { comfyui: { url: 'localhost 8188' } } });
    expect(status).toBe(400);
    expect(body.error.code).toBe('validation_failed');
    expect(body.error.message).toMatch(/comfyui\.url/);
  });

  it('saves a key encrypted, never returns it, and keeps it out of the log and the data dir', async () => {
    const put = await call<ProviderSettingsView>('/providers/settings', {
      method: 'PUT',
      json: { ollama: { url: 'http://127.0.0.1:9' }, whisper: { model: 'small.en' }, secrets: { anthropic: SECRET } },
    });
    expect(put.status).toBe(200);
    expect(put.body.secrets.anthropic).toEqual({ set: true, source: 'settings', env: null, saved: true, error: null });
    // Saved, but OLLAMA_HOST still wins while it is set.
    expect(put.body.fields['ollama.url']).toMatchObject({ value: fake.url, saved: 'http://127.0.0.1:9', source: 'env' });

    await call('/providers/settings');
    await call('/providers?refresh=true');
    await call('/system/doctor');
    await call('/openapi.json');
    await call('/providers/ollama/test', { method: 'POST' });
    const keyFile = join(home, 'secret.key');
    expect(statSync(keyFile).mode & 0o777).toBe(0o600);

    for (const b of bodies) expect(b).not.toContain(SECRET);
    expect(readFileSync(join(home, 'logs', 'host.log'), 'utf8')).not.toContain(SECRET);
    expect(readFileSync(join(home, 'logs', 'host.log'), 'utf8')).toMatch(/provider settings saved: .*anthropic key saved/);
    expect(host!.stderr()).not.toContain(SECRET);
    for (const f of readdirSync(home).filter((n) => n.startsWith('studio.db'))) expect(readFileSync(join(home, f)).includes(SECRET), f).toBe(false);
  }, 180_000); // doctor renders a real frame (the render check), shared for 10 min

  it('GET /system/doctor has the provider table and where each setting came from', async () => {
    const { body } = await call<{ providers: DoctorProviderRow[]; configuration: ConfigurationRow[] }>('/system/doctor');
    expect(body.providers.find((r) => r.capability === 'llm' && r.provider === 'ollama')).toMatchObject({ inUse: true, model: 'llama3.2:latest', source: 'env OLLAMA_HOST', state: 'reachable' });
    const conf = Object.fromEntries(body.configuration.map((r) => [r.key, r]));
    expect(conf['ollama.url']).toMatchObject({ source: 'env', env: 'OLLAMA_HOST', value: fake.url });
    expect(conf['whisper.model']).toMatchObject({ source: 'settings', value: 'small.en' });
    expect(conf['anthropic.apiKey']).toMatchObject({ source: 'settings', secret: true, value: 'set (settings, encrypted)' });
  }, 180_000); // doctor renders a real frame (the render check), shared for 10 min

  it('pulls a model through a provider.ollama.pull job, with live progress to 1', async () => {
    fake.chunkDelayMs = 120;
    const events: ServerEvent[] = [];
    const ws = new WebSocket(`${host!.base.replace('http', 'ws')}/api/v1/events?token=${host!.token}`);
    await new Promise((r) => ws.once('message', r));
    ws.on('message', (d) => events.push(JSON.parse(d.toString()) as ServerEvent));

    const { status, body: job } = await call<Job>('/providers/ollama/pull', { method: 'POST', json: { model: 'qwen2.5:0.5b' } });
    expect(status).toBe(201);
    expect(job).toMatchObject({ kind: 'provider.ollama.pull', status: 'queued', resource: 'io' });
    const done = await waitForJob(host!, job.id, (j) => j.status === 'succeeded' || j.status === 'failed', 'the pull to finish');
    ws.close();
    expect(done.error).toBeNull();
    expect(done.status).toBe('succeeded');
    expect(done.progress).toBe(1);
    expect(done.result).toMatchObject({ model: 'qwen2.5:0.5b', url: fake.url, status: 'success' });
    // The ollama client sends the older `name` spelling for pulls; the server accepts both.
    const sent = fake.calls('/api/pull').at(-1)?.body as { model?: string; name?: string };
    expect(sent.model ?? sent.name).toBe('qwen2.5:0.5b');

    const progress = events.flatMap((e) => (e.type === 'job.updated' && e.job.id === job.id ? [e.job.progress] : []));
    expect(progress.some((p) => p > 0 && p < 1)).toBe(true);
    expect(progress.at(-1)).toBe(1);
    for (let i = 1; i < progress.length; i++) expect(progress[i]!).toBeGreaterThanOrEqual(progress[i - 1]!);

    // The pulled model shows up at once: the job's hook dropped the cached status.
    const { body } = await call<ProvidersResponse>('/providers');
    expect(body.capabilities.find((c) => c.capability === 'llm')!.providers.find((p) => p.id === 'ollama')!.models).toContain('qwen2.5:0.5b');
  });

  it('rejects a pull without a proper model name', async () => {
    const { status, body } = await call<{ error: { message: string } }>('/providers/ollama/pull', { method: 'POST', json: { model: 'rm -rf /' } });
    expect(status).toBe(400);
    expect(body.error.message).toMatch(/model/);
  });

  it('`auteur doctor` prints the same table and shows env keys only as "set (env …)"', async () => {
    const envKey = `sk-ant-env-${Date.now()}-doctor`;
    const { stdout } = await run(process.execPath, [BIN, 'doctor', '--home', home, '--json'], {
      env: { ...process.env, ...CLEAN_ENV, OLLAMA_HOST: fake.url, ANTHROPIC_API_KEY: envKey },
      timeout: 90_000,
    });
    expect(stdout).not.toContain(envKey);
    expect(stdout).not.toContain(SECRET);
    const out = JSON.parse(stdout) as { probes: unknown[]; providers: DoctorProviderRow[]; configuration: ConfigurationRow[] };
    expect(out.probes.length).toBeGreaterThan(0);
    const conf = Object.fromEntries(out.configuration.map((r) => [r.key, r]));
    expect(conf['anthropic.apiKey']).toMatchObject({ source: 'env', env: 'ANTHROPIC_API_KEY', value: 'set (env ANTHROPIC_API_KEY)' });
    expect(conf['whisper.model']).toMatchObject({ source: 'settings', value: 'small.en' });
    expect(conf['ollama.url']).toMatchObject({ source: 'env', env: 'OLLAMA_HOST' });
    expect(out.providers.find((r) => r.capability === 'llm' && r.provider === 'ollama')).toMatchObject({ state: 'reachable', source: 'env OLLAMA_HOST' });

    const text = await run(process.execPath, [BIN, 'doctor', '--home', home], { env: { ...process.env, ...CLEAN_ENV, ANTHROPIC_API_KEY: envKey }, timeout: 90_000 }).catch(
      (err: { stdout: string }) => ({ stdout: err.stdout }),
    );
    expect(text.stdout).toMatch(/Providers \(\* = in use\)/);
    expect(text.stdout).toMatch(/anthropic\.apiKey\s+env ANTHROPIC_API_KEY\s+set \(env ANTHROPIC_API_KEY\)/);
    expect(text.stdout).not.toContain(envKey);
  }, 180_000); // doctor renders a real frame (the render check), shared for 10 min

  it('keeps settings and keys across a restart; without OLLAMA_HOST the saved URL applies and its test says why it fails', async () => {
    await host!.stop();
    host = await startHostProcess(home, CLEAN_ENV);
    const { body: view } = await call<ProviderSettingsView>('/providers/settings');
    expect(view.fields['whisper.model']).toMatchObject({ value: 'small.en', source: 'settings' });
    expect(view.fields['ollama.url']).toMatchObject({ value: 'http://127.0.0.1:9', source: 'settings', env: null });
    expect(view.secrets.anthropic).toMatchObject({ set: true, source: 'settings', error: null });

    const { status, body: test } = await call<ProviderTestResponse>('/providers/ollama/test', { method: 'POST' });
    expect(status).toBe(200);
    expect(test.ok).toBe(false);
    expect(test.detail).toMatch(/Ollama is not reachable at http:\/\/127\.0\.0\.1:9/);
    expect(test.detail).toMatch(/ollama serve/);

    const { body: table } = await call<ProvidersResponse>('/providers');
    const llm = table.capabilities.find((c) => c.capability === 'llm')!;
    expect(llm.providers.find((p) => p.id === 'ollama')?.state).toBe('unreachable');

    const missing = await call<{ error: { code: string } }>('/providers/not-a-provider/test', { method: 'POST' });
    expect(missing.status).toBe(400);
    for (const b of bodies) expect(b).not.toContain(SECRET);
    expect(readFileSync(join(home, 'logs', 'host.log'), 'utf8')).not.toContain(SECRET);
  });
});
