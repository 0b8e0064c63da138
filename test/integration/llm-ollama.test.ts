import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { OllamaClient } from '../../worker/providers/llm/ollama.js';
import { loadedOllamaModels, pullModel, unloadAll } from '../../worker/providers/llm/ollama-admin.js';
import { closedPortUrl } from '../fixtures/fake-http.js';
import { startFakeOllama, type FakeOllama } from '../fixtures/fake-ollama.js';
import { captureLog, providerFailure } from '../helpers/llm.js';

const Shot = z.object({ title: z.string(), tags: z.array(z.string()) });
const ask = { messages: [{ role: 'user' as const, content: 'Describe a shot' }] };

describe('Ollama client against the protocol fake', () => {
  let fake: FakeOllama;
  let client: OllamaClient;

  beforeEach(async () => {
    fake = await startFakeOllama();
    client = new OllamaClient({ url: fake.url, model: 'llama3.2', timeoutMs: 5000, keepAlive: '10m' });
  });
  afterEach(() => fake.close());

  it('chats without streaming and reports usage', async () => {
    fake.reply('A calm sea at dusk.');
    const res = await client.chat({ system: 'Be brief.', ...ask, temperature: 0.2, maxTokens: 50 });
    expect(res).toMatchObject({ text: 'A calm sea at dusk.', provider: 'ollama', model: 'llama3.2' });
    expect(res.usage.promptTokens).toBeGreaterThan(0);
    expect(res.usage.completionTokens).toBe(5);
    const body = fake.calls('/api/chat')[0]!.body;
    expect(body).toMatchObject({ model: 'llama3.2', stream: false, keep_alive: '10m', options: { temperature: 0.2, num_predict: 50 } });
    expect(body.messages[0]).toEqual({ role: 'system', content: 'Be brief.' });
  });

  it('streams tokens in order', async () => {
    fake.reply('one two three four five');
    const seen: string[] = [];
    const res = await client.chat({ ...ask, onToken: (t) => seen.push(t) });
    expect(seen.length).toBe(5);
    expect(seen.join('')).toBe('one two three four five');
    expect(res.text).toBe('one two three four five');
    expect(res.usage.completionTokens).toBe(5);
    expect(fake.calls('/api/chat')[0]!.body.stream).toBe(true);
  });

  it('sends the JSON schema as `format` and returns a valid value first time', async () => {
    fake.reply({ title: 'Dusk', tags: ['sea'] });
    const res = await client.json(Shot, ask);
    expect(res.value).toEqual({ title: 'Dusk', tags: ['sea'] });
    expect(res.attempts).toBe(1);
    const body = fake.calls('/api/chat')[0]!.body;
    expect(body.format).toMatchObject({ type: 'object', properties: { title: { type: 'string' } }, required: ['title', 'tags'] });
    expect(body.stream).toBe(false);
  });

  it('repairs invalid JSON and a schema mismatch by sending the validation error back', async () => {
    const { lines, log } = captureLog();
    client = new OllamaClient({ url: fake.url, model: 'llama3.2', timeoutMs: 5000, log });
    fake.reply('Sure! here it is: {title: oops', { title: 7, tags: [] }, { title: 'Fixed', tags: [] });
    const res = await client.json(Shot, ask);
    expect(res.value.title).toBe('Fixed');
    expect(res.attempts).toBe(3);
    const calls = fake.calls('/api/chat');
    const second = calls[1]!.body.messages;
    expect(second.at(-2)).toEqual({ role: 'assistant', content: 'Sure! here it is: {title: oops' });
    expect(second.at(-1).content).toContain('not valid JSON');
    const third = calls[2]!.body.messages;
    expect(third.at(-1).content).toMatch(/expected string, received number[\s\S]*title/);
    expect(lines.some((l) => l.includes('asking for a repair'))).toBe(true);
  });

  it('gives up after the repairs with a clear bad_response error', async () => {
    fake.reply({ title: 1 }, { title: 2 }, { title: 3 });
    const err = await providerFailure(client.json(Shot, { ...ask, maxRepairs: 2 }));
    expect(err.kind).toBe('bad_response');
    expect(err.provider).toBe('ollama');
    expect(err.message).toContain('3 attempts');
    expect(err.message).toContain('title');
    expect(fake.calls('/api/chat')).toHaveLength(3);
  });

  it('embeds a batch through /api/embed', async () => {
    const embedder = new OllamaClient({ url: fake.url, model: 'nomic-embed-text', timeoutMs: 5000 });
    const vecs = await embedder.embed(['a', 'b', 'c'], { dimensions: 16 });
    expect(vecs).toHaveLength(3);
    expect(vecs.every((v) => v.length === 16)).toBe(true);
    expect(fake.calls('/api/embed')[0]!.body).toMatchObject({ model: 'nomic-embed-text', input: ['a', 'b', 'c'], dimensions: 16 });
  });

  it('names a missing model and how to pull it', async () => {
    const missing = new OllamaClient({ url: fake.url, model: 'qwen3:8b', timeoutMs: 5000 });
    const err = await providerFailure(missing.chat(ask));
    expect(err.kind).toBe('missing_model');
    expect(err.message).toContain('ollama pull qwen3:8b');
    expect(err.message).toContain(fake.url);
  });

  it('maps a 500 to server_error with the URL', async () => {
    fake.fail({ type: 'status', status: 500 });
    const err = await providerFailure(client.chat(ask));
    expect(err.kind).toBe('server_error');
    expect(err.message).toContain('HTTP 500');
    expect(err.message).toContain(fake.url);
  });

  it('maps a malformed JSON body to bad_response', async () => {
    fake.fail({ type: 'malformed' });
    const err = await providerFailure(client.chat(ask));
    expect(err.kind).toBe('bad_response');
    expect(err.message).toContain('malformed JSON');
  });

  it('maps a stream cut off mid-answer to server_error', async () => {
    fake.reply('one two three four five').fail({ type: 'drop', afterChunks: 2 });
    const err = await providerFailure(client.chat({ ...ask, onToken: () => {} }));
    expect(err.kind).toBe('server_error');
    expect(err.message).toMatch(/before the answer was complete/);
  });

  it('times out a slow stream and closes the connection', async () => {
    fake.reply('one two three four five six').fail({ type: 'slow', delayMs: 150 });
    const err = await providerFailure(client.chat({ ...ask, onToken: () => {}, timeoutMs: 300 }));
    expect(err.kind).toBe('timeout');
    expect(err.message).toContain(fake.url);
    await fake.waitForEarlyClose();
  });

  it('cancels mid-stream and the server sees the connection close', async () => {
    fake.chunkDelayMs = 40;
    fake.reply('a b c d e f g h i j k l');
    const ac = new AbortController();
    const seen: string[] = [];
    const err = await providerFailure(
      client.chat({
        ...ask,
        signal: ac.signal,
        onToken: (t) => {
          seen.push(t);
          if (seen.length === 2) ac.abort();
        },
      }),
    );
    expect(err.kind).toBe('cancelled');
    expect(seen.length).toBeLessThan(12);
    await fake.waitForEarlyClose();
  });

  it('says how to start Ollama when nothing listens', async () => {
    const url = await closedPortUrl();
    const err = await providerFailure(new OllamaClient({ url, model: 'llama3.2' }).chat(ask));
    expect(err.kind).toBe('unreachable');
    expect(err.message).toContain(`Ollama is not reachable at ${url}`);
    expect(err.message).toContain('ollama serve');
  });
});

describe('Ollama model management against the protocol fake', () => {
  let fake: FakeOllama;
  afterEach(() => fake.close());

  it('streams pull progress to 1 without going backwards, and the model is then listed', async () => {
    fake = await startFakeOllama({ models: [] });
    const seen: Array<[number, string]> = [];
    await pullModel(fake.url, 'llava:7b', (f, s) => seen.push([f, s]));
    const fractions = seen.map(([f]) => f);
    expect(fractions.at(-1)).toBe(1);
    expect(seen.at(-1)![1]).toBe('success');
    expect(fractions.every((f, i) => i === 0 || f >= fractions[i - 1]!)).toBe(true);
    expect(fractions.some((f) => f > 0 && f < 1)).toBe(true);
    expect(fake.models.has('llava:7b')).toBe(true);
  });

  it('reports a model that does not exist in the library', async () => {
    fake = await startFakeOllama();
    const err = await providerFailure(pullModel(fake.url, 'does-not-exist', () => {}));
    expect(err.kind).toBe('missing_model');
    expect(err.message).toContain('does-not-exist');
  });

  it('cancels a pull', async () => {
    fake = await startFakeOllama();
    fake.chunkDelayMs = 40;
    const ac = new AbortController();
    const err = await providerFailure(pullModel(fake.url, 'llama3.2', () => ac.abort(), ac.signal));
    expect(err.kind).toBe('cancelled');
    await fake.waitForEarlyClose();
  });

  it('unloadAll sends keep_alive 0 for every loaded model, embedding models included', async () => {
    fake = await startFakeOllama({ loaded: ['llama3.2', 'nomic-embed-text'] });
    const unloaded = await unloadAll(fake.url);
    expect(unloaded.sort()).toEqual(['llama3.2:latest', 'nomic-embed-text:latest']);
    expect(fake.unloads.map((u) => u.model).sort()).toEqual(['llama3.2:latest', 'nomic-embed-text:latest']);
    for (const call of [...fake.calls('/api/generate'), ...fake.calls('/api/embed')]) expect(call.body.keep_alive).toBe(0);
    expect(await loadedOllamaModels(fake.url)).toEqual([]);
  });
});
