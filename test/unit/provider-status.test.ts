import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase, type Database_ } from '../../electron/host/db/connection.js';
import { doctorProviderRows } from '../../electron/host/providers/provider-doctor.js';
import { ProviderSettingsService } from '../../electron/host/providers/provider-settings.js';
import { ProviderStatusService } from '../../electron/host/providers/provider-status.js';
import { keyFileCodec } from '../../electron/host/providers/secret-codec.js';
import { ProviderSettingsStore } from '../../electron/host/providers/settings-store.js';
import type { ProviderModule } from '../../worker/providers/types.js';

// Test doubles of provider modules: they exercise the status service's timeouts, redaction and
// in-use rules, which do not depend on any real service.
const KEY = 'sk-ant-api03-status-test-0123456789';
const open: Database_[] = [];
afterEach(() => {
  for (const d of open.splice(0)) d.close();
});

function module(id: ProviderModule['id'], embedded: boolean, status: ProviderModule['status'], test?: ProviderModule['test']): ProviderModule {
  return { id, label: id, capabilities: ['llm'], embedded, status, test: test ?? (async () => ({ ok: true, detail: 'ok', ms: 1 })) };
}

function setup(modules: ProviderModule[], env: NodeJS.ProcessEnv = {}) {
  const dir = mkdtempSync(join(tmpdir(), 'auteur-status-'));
  const database = openDatabase(join(dir, 'studio.db'));
  open.push(database);
  const offered = (cap: string) => modules.filter((m) => m.capabilities.includes(cap as never)).map((m) => m.id);
  const settings = new ProviderSettingsService({ store: new ProviderSettingsStore(database.db), codec: keyFileCodec(dir), env, offered });
  return { settings, status: new ProviderStatusService(settings, () => modules, null) };
}

describe('provider status service', () => {
  it('caps a status check that ignores its signal at ~3 s and keeps the others', async () => {
    const hang = module('ollama', false, () => new Promise(() => undefined));
    const emb = module('procedural', true, async () => ({ provider: 'procedural', reachable: true, version: null, detail: 'built in' }));
    const { status } = setup([hang, emb]);
    const t0 = Date.now();
    const table = await status.table();
    expect(Date.now() - t0).toBeLessThan(4500);
    const llm = table.capabilities.find((c) => c.capability === 'llm')!;
    expect(llm.providers.map((p) => [p.id, p.state])).toEqual([
      ['ollama', 'unreachable'],
      ['procedural', 'embedded'],
    ]);
    expect(llm.providers[0]!.detail).toMatch(/no answer within 3 s/);
    expect(llm).toMatchObject({ inUse: 'procedural', embeddedDefault: 'procedural', why: 'auto: no real provider reachable, so the embedded default' });
    // Every capability is listed, even those this set of modules does not serve.
    expect(table.capabilities.map((c) => c.capability)).toEqual(['llm', 'vision', 'embeddings', 'image', 'video', 'tts', 'asr', 'encode', 'render']);
    expect(table.capabilities.find((c) => c.capability === 'vision')).toMatchObject({ inUse: null, providers: [] });
  });

  it('redacts keys a module echoes, and explains auto and env-sourced choices', async () => {
    const leaky = module('anthropic', false, async (config) => ({ provider: 'anthropic', reachable: true, version: '2023-06-01', detail: `authenticated with ${config.anthropic.apiKey}` }), async (config) => ({
      ok: false,
      detail: `401 for key ${config.anthropic.apiKey}`,
      ms: 3,
    }));
    const { status } = setup([leaky], { ANTHROPIC_API_KEY: KEY });
    const table = await status.table();
    const llm = table.capabilities.find((c) => c.capability === 'llm')!;
    expect(llm.why).toBe('auto: first reachable (key set by ANTHROPIC_API_KEY)');
    expect(JSON.stringify({ capabilities: table.capabilities })).not.toContain(KEY);
    expect(llm.providers[0]!.detail).toBe('authenticated with ••••');
    const test = await status.test('anthropic');
    expect(test).toMatchObject({ provider: 'anthropic', ok: false, detail: '401 for key ••••' });
    expect(doctorProviderRows(table)[0]).toMatchObject({ provider: 'anthropic', inUse: true, source: 'key: env ANTHROPIC_API_KEY' });
  });

  it('marks a provider without its key as not configured, and a chosen unusable one with the reason', async () => {
    const anthropic = module('anthropic', false, async () => ({ provider: 'anthropic', reachable: false, version: null, detail: 'No Anthropic API key' }));
    const emb = module('procedural', true, async () => ({ provider: 'procedural', reachable: true, version: null, detail: 'built in' }));
    const { status, settings } = setup([anthropic, emb]);
    await settings.update({ choice: { llm: 'anthropic' } });
    await expect(settings.update({ choice: { llm: 'ollama' } })).rejects.toThrow(/choice\.llm: "ollama" does not provide .* one of anthropic, procedural/);
    const table = await status.table(true);
    const llm = table.capabilities.find((c) => c.capability === 'llm')!;
    expect(llm.providers[0]!.state).toBe('not_configured');
    expect(llm).toMatchObject({ choice: 'anthropic', choiceSource: 'settings', inUse: 'anthropic' });
    expect(llm.why).toMatch(/^chosen in Settings, but anthropic is not configured: No Anthropic API key/);
  });

  it('turns a throwing test into a failed result, and 404s an unknown provider', async () => {
    const boom = module('comfyui', false, async () => ({ provider: 'comfyui', reachable: false, version: null, detail: 'down' }), async () => {
      throw new Error('ComfyUI is not reachable at http://127.0.0.1:1');
    });
    const { status } = setup([boom]);
    expect(await status.test('comfyui')).toMatchObject({ ok: false, detail: 'ComfyUI is not reachable at http://127.0.0.1:1' });
    await expect(status.test('whisper')).rejects.toThrow(/No whisper provider module/);
  });

  it('caches for a few seconds and drops the cache when settings change', async () => {
    let calls = 0;
    const counted = module('procedural', true, async () => ({ provider: 'procedural', reachable: true, version: String(++calls), detail: 'x' }));
    const { status, settings } = setup([counted]);
    await status.table();
    await status.table();
    expect(calls).toBe(1);
    await settings.update({ whisper: { model: 'tiny' } });
    await status.table();
    expect(calls).toBe(2);
    await status.table(true);
    expect(calls).toBe(3);
  });
});
