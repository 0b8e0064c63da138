import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase, type Database_ } from '../../electron/host/db/connection.js';
import { configurationRows } from '../../electron/host/providers/provider-doctor.js';
import { mergeSettings, ProviderSettingsService, resolveEffective } from '../../electron/host/providers/provider-settings.js';
import { keyFileCodec } from '../../electron/host/providers/secret-codec.js';
import { normalizeOllamaHost } from '../../electron/host/providers/setting-fields.js';
import { ProviderSettingsStore } from '../../electron/host/providers/settings-store.js';
import { ProviderSettingsUpdate } from '../../shared/schemas/provider-settings.js';

const KEY = 'sk-ant-api03-precedence-test-0123456789';
const open: Database_[] = [];
afterEach(() => {
  for (const d of open.splice(0)) d.close();
});

function service(env: NodeJS.ProcessEnv = {}, dir = mkdtempSync(join(tmpdir(), 'auteur-settings-'))) {
  const database = openDatabase(join(dir, 'studio.db'));
  open.push(database);
  const svc = new ProviderSettingsService({ store: new ProviderSettingsStore(database.db), codec: keyFileCodec(dir), env });
  return { svc, dir, database };
}

describe('precedence: default ← settings ← env', () => {
  it('reports each value with its source and, for env, the variable', () => {
    const saved = { ollama: { url: 'http://10.0.0.5:11434', models: { llm: 'llama3.2:3b' } }, comfyui: { url: 'http://10.0.0.6:8188' } };
    const eff = resolveEffective(saved, new Map([['anthropic', { value: 'saved-key-123456' }]]), { OLLAMA_HOST: 'gpu-box:11500', ANTHROPIC_API_KEY: KEY });

    expect(eff.config.ollama.url).toBe('http://gpu-box:11500');
    expect(eff.fields['ollama.url']).toMatchObject({ value: 'http://gpu-box:11500', saved: 'http://10.0.0.5:11434', source: 'env', env: 'OLLAMA_HOST' });
    expect(eff.fields['ollama.models.llm']).toMatchObject({ value: 'llama3.2:3b', source: 'settings', env: null });
    expect(eff.config.ollama.models.llm).toBe('llama3.2:3b');
    expect(eff.fields['comfyui.url']).toMatchObject({ value: 'http://10.0.0.6:8188', source: 'settings' });
    expect(eff.fields['whisper.model']).toMatchObject({ value: 'base.en', source: 'default', saved: null });
    expect(eff.fields.ffmpegPath).toMatchObject({ value: null, source: 'default' });

    // The env key wins over the saved one; the view says so without the value.
    expect(eff.config.anthropic.apiKey).toBe(KEY);
    expect(eff.secrets.anthropic).toEqual({ set: true, source: 'env', env: 'ANTHROPIC_API_KEY', saved: true, error: null });
    expect(eff.secrets.elevenlabs).toEqual({ set: false, source: 'default', env: null, saved: false, error: null });
    expect(JSON.stringify({ f: eff.fields, s: eff.secrets, c: eff.choice })).not.toContain(KEY);
  });

  it('uses the saved key when no env variable is set, and the default when neither is', () => {
    const eff = resolveEffective({}, new Map([['anthropic', { value: 'saved-key-123456' }]]), {});
    expect(eff.config.anthropic.apiKey).toBe('saved-key-123456');
    expect(eff.secrets.anthropic.source).toBe('settings');
    expect(eff.config.ollama.url).toBe('http://127.0.0.1:11434');
    expect(eff.fields['ollama.url'].source).toBe('default');
    expect(eff.choice.llm).toEqual({ value: 'auto', source: 'default' });
  });

  it('sends OPENAI_API_KEY to the OpenAI-compatible server when OPENAI_BASE_URL is set, else to OpenAI', () => {
    const compat = resolveEffective({}, new Map(), { OPENAI_BASE_URL: 'http://127.0.0.1:1234/v1', OPENAI_API_KEY: 'lm-studio-key-1' });
    expect(compat.config.openaiCompatible).toMatchObject({ url: 'http://127.0.0.1:1234/v1', apiKey: 'lm-studio-key-1' });
    expect(compat.config.openai.apiKey).toBeNull();
    expect(compat.secrets.openaiCompatible).toMatchObject({ source: 'env', env: 'OPENAI_API_KEY' });
    const openai = resolveEffective({}, new Map(), { OPENAI_API_KEY: 'sk-openai-key-1' });
    expect(openai.config.openai.apiKey).toBe('sk-openai-key-1');
    expect(openai.config.openaiCompatible.apiKey).toBeNull();
  });

  it('treats empty env variables as unset and reads OLLAMA_HOST like Ollama does', () => {
    expect(resolveEffective({ ollama: { url: 'http://saved:1' } }, new Map(), { OLLAMA_HOST: '  ' }).fields['ollama.url'].source).toBe('settings');
    expect(normalizeOllamaHost('127.0.0.1')).toBe('http://127.0.0.1:11434');
    expect(normalizeOllamaHost('0.0.0.0:9999')).toBe('http://0.0.0.0:9999');
    expect(normalizeOllamaHost('https://ollama.example.com')).toBe('https://ollama.example.com');
    expect(normalizeOllamaHost('http://box:11434/')).toBe('http://box:11434');
  });

  it('reports a saved key that cannot be decrypted instead of using or hiding it', () => {
    const eff = resolveEffective({}, new Map([['openai', { error: 'integrity check failed' }]]), {});
    expect(eff.secrets.openai).toEqual({ set: false, source: 'default', env: null, saved: true, error: 'integrity check failed' });
    expect(eff.problems.join()).toMatch(/openai key: integrity check failed/);
    expect(configurationRows(eff).find((r) => r.key === 'openai.apiKey')?.value).toMatch(/saved but unusable/);
  });
});

describe('update validation and merge', () => {
  it('names the field of an invalid URL, rejects keys in the wrong place, and treats "" as clear', () => {
    const bad = ProviderSettingsUpdate.safeParse({ ollama: { url: 'ftp://x' }, comfyui: { url: 'not a url' } });
    expect(bad.success).toBe(false);
    expect(bad.error!.issues.map((i) => i.path.join('.'))).toEqual(expect.arrayContaining(['ollama.url', 'comfyui.url']));
    const misplaced = ProviderSettingsUpdate.safeParse({ anthropic: { apiKey: KEY } });
    expect(misplaced.success).toBe(false);
    expect(ProviderSettingsUpdate.parse({ ollama: { url: '' } }).ollama?.url).toBeNull();
    expect(ProviderSettingsUpdate.safeParse({ ffmpegPath: 'ffmpeg' }).success).toBe(false);
    expect(ProviderSettingsUpdate.safeParse({ secrets: { anthropic: 'short' } }).success).toBe(false);
  });

  it('leaves omitted fields alone, clears nulls, and drops "auto" choices', () => {
    const current = { ollama: { url: 'http://a:1', models: { llm: 'm1' } }, whisper: { model: 'small' }, choice: { llm: 'ollama' as const } };
    const next = mergeSettings(current, { ollama: { models: { llm: null, vision: 'llava' } }, choice: { llm: 'auto', tts: 'espeak' } });
    expect(next).toEqual({ ollama: { url: 'http://a:1', models: { vision: 'llava' } }, whisper: { model: 'small' }, choice: { tts: 'espeak' } });
  });
});

describe('ProviderSettingsService on a real studio.db', () => {
  it('stores keys only encrypted, never returns them, and applies env on top', async () => {
    const { svc, dir, database } = service({ COMFYUI_URL: 'http://env-comfy:8188' });
    const view = await svc.update({ ollama: { url: 'http://10.1.1.1:11434' }, comfyui: { url: 'http://saved-comfy:8188' }, secrets: { anthropic: KEY } });
    expect(view.fields['ollama.url']).toMatchObject({ value: 'http://10.1.1.1:11434', source: 'settings' });
    expect(view.fields['comfyui.url']).toMatchObject({ value: 'http://env-comfy:8188', saved: 'http://saved-comfy:8188', source: 'env', env: 'COMFYUI_URL' });
    expect(view.secrets.anthropic).toMatchObject({ set: true, source: 'settings', saved: true });
    expect(view.encryption.kind).toBe('aes-256-gcm');
    expect(JSON.stringify(view)).not.toContain(KEY);
    expect((await svc.effectiveConfig()).anthropic.apiKey).toBe(KEY);

    const rows = database.sqlite.prepare("select key, value from settings where key like '%providers%'").all() as { key: string; value: string }[];
    expect(rows.map((r) => r.key).sort()).toEqual(['providers', 'secret:providers.anthropic']);
    expect(JSON.parse(rows.find((r) => r.key === 'secret:providers.anthropic')!.value)).toMatchObject({ codec: 'aes-256-gcm', cipher: expect.stringMatching(/^v1:/) });
    // Not in any row, nor anywhere in the database files (WAL included).
    for (const f of readdirSync(dir).filter((n) => n.startsWith('studio.db'))) expect(readFileSync(join(dir, f)).includes(KEY), f).toBe(false);

    const cleared = await svc.update({ secrets: { anthropic: null }, comfyui: { url: null } });
    expect(cleared.secrets.anthropic).toMatchObject({ set: false, saved: false });
    expect(cleared.fields['comfyui.url'].saved).toBeNull();
    expect(cleared.fields['ollama.url'].value).toBe('http://10.1.1.1:11434');
    expect((await svc.effectiveConfig()).anthropic.apiKey).toBeNull();
  });

  it('rejects a choice the capability does not offer, naming the field', async () => {
    const { svc } = service();
    await expect(svc.update({ choice: { llm: 'hashed-features' } })).rejects.toThrow(/choice\.llm: "hashed-features" does not provide/);
  });

  it('survives a key saved under another key file: reported unusable, the host keeps working', async () => {
    const { svc, database } = service();
    await svc.update({ secrets: { elevenlabs: 'eleven-key-123456' } });
    // Same database, but a codec whose key file is elsewhere (e.g. secret.key deleted / data copied).
    const other = new ProviderSettingsService({ store: new ProviderSettingsStore(database.db), codec: keyFileCodec(mkdtempSync(join(tmpdir(), 'auteur-otherkey-'))), env: {} });
    const view = await other.view();
    expect(view.secrets.elevenlabs).toMatchObject({ set: false, saved: true, error: expect.stringMatching(/secret\.key is missing/) });
    expect((await other.effectiveConfig()).elevenlabs.apiKey).toBeNull();
  });

  it('rebuilds the effective config after a save and tells listeners', async () => {
    const { svc } = service();
    let changes = 0;
    svc.onChange(() => changes++);
    expect((await svc.effectiveConfig()).whisper.model).toBe('base.en');
    await svc.update({ whisper: { model: 'small.en' } });
    expect(changes).toBe(1);
    expect((await svc.effectiveConfig()).whisper.model).toBe('small.en');
  });
});
