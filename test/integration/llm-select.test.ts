import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WorkerProviderConfig } from '../../shared/schemas/providers.js';
import { createLlmModules } from '../../worker/providers/llm/modules.js';
import { selectLlm, type SelectOptions } from '../../worker/providers/llm/select.js';
import { closedPortUrl } from '../fixtures/fake-http.js';
import { startFakeAnthropic, type FakeAnthropic } from '../fixtures/fake-anthropic.js';
import { startFakeOllama, type FakeOllama } from '../fixtures/fake-ollama.js';
import { startFakeOpenAi, type FakeOpenAi } from '../fixtures/fake-openai.js';
import { captureLog, expectNoSecret, providerFailure } from '../helpers/llm.js';

const ANT_KEY = 'sk-ant-select-SECRET-abcdef0123456789';
const OAI_KEY = 'sk-proj-select-SECRET-abcdef0123456789';
const LOCAL_KEY = 'lm-studio-SECRET-abcdef0123456789';

describe('selectLlm and the LLM provider modules', () => {
  let ollama: FakeOllama;
  let emptyOllama: FakeOllama;
  let compat: FakeOpenAi;
  let openai: FakeOpenAi;
  let anthropic: FakeAnthropic;
  let closed: string;
  const log = captureLog();
  const texts: string[] = [];

  beforeAll(async () => {
    [ollama, emptyOllama, compat, openai, anthropic, closed] = await Promise.all([
      startFakeOllama({ models: ['llama3.2', 'nomic-embed-text', 'qwen2.5vl:7b'] }),
      startFakeOllama({ models: [] }),
      startFakeOpenAi({ apiKey: LOCAL_KEY, models: ['qwen2.5-7b-instruct', 'text-embedding-nomic-embed-text-v1.5'] }),
      startFakeOpenAi({ apiKey: OAI_KEY }),
      startFakeAnthropic({ apiKey: ANT_KEY }),
      closedPortUrl(),
    ]);
  });
  afterAll(async () => {
    await Promise.all([ollama, emptyOllama, compat, openai, anthropic].map((f) => f.close()));
    for (const k of [ANT_KEY, OAI_KEY, LOCAL_KEY]) expectNoSecret(k, [...log.lines, ...texts]);
  });

  /** Nothing usable: Ollama's default URL replaced by a closed port, no keys, no compatible URL. */
  function config(over: Record<string, unknown> = {}) {
    return WorkerProviderConfig.parse({ ollama: { url: closed }, anthropic: { model: 'claude-sonnet-4-6' }, ...over });
  }
  const opts = (capability: SelectOptions['capability'], extra: Partial<SelectOptions> = {}): SelectOptions => ({
    capability,
    log: log.log,
    probeTimeoutMs: 1000,
    endpoints: { anthropic: anthropic.url, openai: `${openai.url}/v1` },
    client: { maxRetries: 0, timeoutMs: 5000 },
    ...extra,
  });

  it('returns null when nothing is configured, and logs why', async () => {
    const before = log.lines.length;
    expect(await selectLlm(config(), opts('llm'))).toBeNull();
    const why = log.lines.slice(before).join('\n');
    expect(why).toContain('embedded default');
    expect(why).toContain(`Ollama is not reachable at ${closed}`);
    expect(why).toContain('No Anthropic API key');
  });

  it('auto prefers Ollama with its configured model', async () => {
    const c = await selectLlm(config({ ollama: { url: ollama.url, models: { llm: 'llama3.2', vision: null, embeddings: null } }, anthropic: { apiKey: ANT_KEY } }), opts('llm'));
    expect(c).toMatchObject({ provider: 'ollama', model: 'llama3.2:latest' });
  });

  it('auto picks pulled Ollama models by capability when none is set', async () => {
    const cfg = config({ ollama: { url: ollama.url } });
    expect((await selectLlm(cfg, opts('llm')))?.model).toBe('llama3.2:latest');
    expect((await selectLlm(cfg, opts('vision')))?.model).toBe('qwen2.5vl:7b');
    const emb = await selectLlm(cfg, opts('embeddings'));
    expect(emb?.model).toBe('nomic-embed-text:latest');
    expect((await emb!.embed(['hello']))[0]!.length).toBeGreaterThan(0);
  });

  it('auto skips an Ollama with nothing pulled and takes the OpenAI-compatible server', async () => {
    const cfg = config({ ollama: { url: emptyOllama.url }, openaiCompatible: { url: compat.url, model: null, apiKey: LOCAL_KEY } });
    const before = log.lines.length;
    const c = await selectLlm(cfg, opts('llm'));
    expect(c).toMatchObject({ provider: 'openai-compatible', model: 'qwen2.5-7b-instruct' });
    compat.reply('hi');
    expect((await c!.chat({ messages: [{ role: 'user', content: 'x' }] })).text).toBe('hi');
    // Embeddings on a compatible server use a model that is one.
    expect((await selectLlm(cfg, opts('embeddings')))?.model).toBe('text-embedding-nomic-embed-text-v1.5');
    expect(log.lines.slice(before).join('\n')).toContain('skipped ollama: Ollama at');
  });

  it('auto falls through to Anthropic, then OpenAI, by key', async () => {
    expect((await selectLlm(config({ anthropic: { apiKey: ANT_KEY, model: 'claude-sonnet-4-6' }, openai: { apiKey: OAI_KEY } }), opts('llm')))?.provider).toBe('anthropic');
    expect((await selectLlm(config({ openai: { apiKey: OAI_KEY } }), opts('llm')))?.provider).toBe('openai');
    // Anthropic has no embeddings: auto goes on to OpenAI's embedding model.
    const emb = await selectLlm(config({ anthropic: { apiKey: ANT_KEY }, openai: { apiKey: OAI_KEY } }), opts('embeddings'));
    expect(emb).toMatchObject({ provider: 'openai', model: 'text-embedding-3-small' });
  });

  it('auto skips a provider whose key is rejected', async () => {
    const c = await selectLlm(config({ anthropic: { apiKey: 'sk-ant-wrong-000000000000', model: 'claude-sonnet-4-6' }, openai: { apiKey: OAI_KEY } }), opts('llm'));
    expect(c?.provider).toBe('openai');
  });

  it('an explicit choice that is unreachable throws, naming the URL and the fix', async () => {
    const err = await providerFailure(selectLlm(config({ choice: { llm: 'ollama' } }), opts('llm')));
    texts.push(err.message);
    expect(err.kind).toBe('unreachable');
    expect(err.message).toContain(closed);
    expect(err.message).toContain('ollama serve');
  });

  it('an explicit choice that is misconfigured throws instead of falling back', async () => {
    const cases = [
      [config({ choice: { llm: 'anthropic' }, openai: { apiKey: OAI_KEY } }), 'not_configured'],
      [config({ choice: { llm: 'openai-compatible' } }), 'not_configured'],
      [config({ choice: { embeddings: 'anthropic' }, anthropic: { apiKey: ANT_KEY } }), 'not_configured'],
      [config({ choice: { llm: 'ollama' }, ollama: { url: ollama.url, models: { llm: 'mistral', vision: null, embeddings: null } } }), 'missing_model'],
      [config({ choice: { llm: 'openai' }, openai: { apiKey: 'sk-wrong-key-0000000000' } }), 'auth'],
    ] as const;
    for (const [cfg, kind] of cases) {
      const cap = cfg.choice.embeddings ? 'embeddings' : 'llm';
      const err = await providerFailure(selectLlm(cfg, opts(cap)));
      texts.push(err.message);
      expect(err.kind, err.message).toBe(kind);
    }
  });

  it('an embedded default chosen explicitly gives null; a non-LLM provider is refused', async () => {
    expect(await selectLlm(config({ choice: { llm: 'procedural' } }), opts('llm'))).toBeNull();
    expect((await providerFailure(selectLlm(config({ choice: { llm: 'comfyui' } }), opts('llm')))).kind).toBe('not_configured');
  });

  it('an explicit choice works when usable', async () => {
    const c = await selectLlm(config({ choice: { vision: 'anthropic' }, anthropic: { apiKey: ANT_KEY, model: 'claude-sonnet-4-6' } }), opts('vision'));
    expect(c?.provider).toBe('anthropic');
  });

  it('modules report status for reachable and unconfigured providers', async () => {
    const modules = createLlmModules({ endpoints: { anthropic: anthropic.url, openai: `${openai.url}/v1` } });
    expect(modules.map((m) => m.id)).toEqual(['ollama', 'openai-compatible', 'anthropic', 'openai']);
    const signal = AbortSignal.timeout(10_000);
    const on = config({ ollama: { url: ollama.url }, openaiCompatible: { url: compat.url, apiKey: LOCAL_KEY, model: null }, anthropic: { apiKey: ANT_KEY }, openai: { apiKey: OAI_KEY } });
    const reports = await Promise.all(modules.map((m) => m.status(on, signal)));
    for (const r of reports) expect(r.reachable, r.detail).toBe(true);
    expect(reports[0]).toMatchObject({ version: '0.12.6', models: expect.arrayContaining(['llama3.2:latest']) });
    const off = await Promise.all(modules.map((m) => m.status(config(), signal)));
    for (const r of off) expect(r.reachable).toBe(false);
    expect(off[0]!.detail).toContain(closed);
    expect(off[1]!.detail).toContain('Not configured');
    texts.push(...[...reports, ...off].map((r) => r.detail));
  });

  it('module test() makes one tiny real completion', async () => {
    const [ollamaModule, , anthropicModule] = createLlmModules({ endpoints: { anthropic: anthropic.url } });
    const signal = AbortSignal.timeout(10_000);
    ollama.reply('ok');
    const res = await ollamaModule!.test(config({ ollama: { url: ollama.url } }), signal);
    expect(res.ok, res.detail).toBe(true);
    expect(ollama.calls('/api/chat').at(-1)!.body.messages[0].content).toBe('Reply with the word ok');
    const bad = await anthropicModule!.test(config({ anthropic: { apiKey: 'sk-ant-wrong-000000000000' } }), signal);
    expect(bad.ok).toBe(false);
    expect(bad.detail).toContain('Anthropic API key');
    texts.push(res.detail, bad.detail);
  });
});
