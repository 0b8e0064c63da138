import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { OpenAiCompatibleClient, normalizeOpenAiUrl } from '../../worker/providers/llm/openai-compatible.js';
import { closedPortUrl } from '../fixtures/fake-http.js';
import { startFakeOpenAi, type FakeOpenAi } from '../fixtures/fake-openai.js';
import { captureLog, expectNoSecret, providerFailure } from '../helpers/llm.js';

const KEY = 'sk-test-SECRET-0123456789abcdef';
const Plan = z.object({ mood: z.enum(['calm', 'tense']), beats: z.array(z.string()).min(1) });
const ask = { messages: [{ role: 'user' as const, content: 'Plan a scene' }] };

describe('OpenAI-compatible client against the protocol fake', () => {
  let fake: FakeOpenAi;
  let client: OpenAiCompatibleClient;
  const log = captureLog();

  beforeEach(async () => {
    fake = await startFakeOpenAi({ apiKey: KEY, models: ['local-model', 'nomic-embed-text-v1.5'] });
    // A bare host gets /v1, as LM Studio users often type it.
    client = new OpenAiCompatibleClient({ flavor: 'compatible', url: fake.url, apiKey: KEY, model: 'local-model', timeoutMs: 5000, log: log.log });
  });
  afterEach(async () => {
    await fake.close();
    expectNoSecret(KEY, log.lines);
  });

  it('adds /v1 to a bare host only', () => {
    expect(normalizeOpenAiUrl('http://127.0.0.1:1234')).toBe('http://127.0.0.1:1234/v1');
    expect(normalizeOpenAiUrl('http://127.0.0.1:8000/v1/')).toBe('http://127.0.0.1:8000/v1');
    expect(normalizeOpenAiUrl('localhost:1234')).toBe('http://localhost:1234/v1');
    expect(() => new OpenAiCompatibleClient({ flavor: 'compatible', url: 'http://', model: 'm' })).toThrow(/not a valid URL/);
  });

  it('chats and sends the key as a bearer token', async () => {
    fake.reply('A quiet harbour.');
    const res = await client.chat({ system: 'Be brief.', ...ask, maxTokens: 40, temperature: 0.5 });
    expect(res).toMatchObject({ text: 'A quiet harbour.', provider: 'openai-compatible', model: 'local-model' });
    expect(res.usage.completionTokens).toBe(3);
    const call = fake.calls('/v1/chat/completions')[0]!;
    expect(call.headers.authorization).toBe(`Bearer ${KEY}`);
    expect(call.body).toMatchObject({ model: 'local-model', max_tokens: 40, temperature: 0.5 });
    expect(call.body.messages[0]).toEqual({ role: 'system', content: 'Be brief.' });
  });

  it('sends images as data-URL content parts for vision models', async () => {
    await client.chat({ messages: [{ role: 'user', content: 'What is this?', images: ['iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg=='] }] });
    const content = fake.calls('/v1/chat/completions')[0]!.body.messages[0].content;
    expect(content).toEqual([
      { type: 'text', text: 'What is this?' },
      { type: 'image_url', image_url: { url: 'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==' } },
    ]);
  });

  it('streams SSE tokens in order, with usage from the final chunk', async () => {
    fake.reply('alpha beta gamma delta');
    const seen: string[] = [];
    const res = await client.chat({ ...ask, onToken: (t) => seen.push(t) });
    expect(seen).toEqual(['alpha ', 'beta ', 'gamma ', 'delta']);
    expect(res.text).toBe('alpha beta gamma delta');
    expect(res.usage.completionTokens).toBe(4);
    expect(fake.calls('/v1/chat/completions')[0]!.body).toMatchObject({ stream: true, stream_options: { include_usage: true } });
  });

  it('asks for json_schema (strict when the schema allows) and validates the answer', async () => {
    fake.reply({ mood: 'calm', beats: ['arrive'] });
    const res = await client.json(Plan, { ...ask, name: 'scene plan' });
    expect(res.value).toEqual({ mood: 'calm', beats: ['arrive'] });
    expect(res.attempts).toBe(1);
    const rf = fake.calls('/v1/chat/completions')[0]!.body.response_format;
    expect(rf).toMatchObject({ type: 'json_schema', json_schema: { name: 'scene_plan', strict: true, schema: { type: 'object', additionalProperties: false } } });
  });

  it('falls back to json_object when the server rejects json_schema', async () => {
    await fake.close();
    fake = await startFakeOpenAi({ models: ['local-model'], rejectJsonSchema: true });
    client = new OpenAiCompatibleClient({ flavor: 'compatible', url: `${fake.url}/v1`, model: 'local-model', timeoutMs: 5000, log: log.log });
    fake.reply({ mood: 'tense', beats: ['run'] }, { mood: 'calm', beats: ['rest'] });
    expect((await client.json(Plan, ask)).value.mood).toBe('tense');
    // The client remembers: the next call goes straight to json_object.
    expect((await client.json(Plan, ask)).value.mood).toBe('calm');
    const formats = fake.calls('/v1/chat/completions').map((c) => c.body.response_format?.type);
    expect(formats).toEqual(['json_schema', 'json_object', 'json_object']);
    expect(log.lines.some((l) => l.includes('using json_object'))).toBe(true);
  });

  it('repairs a schema mismatch by sending the validation error back', async () => {
    fake.reply({ mood: 'angry', beats: [] }, { mood: 'tense', beats: ['chase'] });
    const res = await client.json(Plan, ask);
    expect(res.attempts).toBe(2);
    expect(res.value.beats).toEqual(['chase']);
    const repair = fake.calls('/v1/chat/completions')[1]!.body.messages;
    expect(repair.at(-2)).toEqual({ role: 'assistant', content: JSON.stringify({ mood: 'angry', beats: [] }) });
    expect(repair.at(-1).content).toMatch(/mood/);
    expect(repair.at(-1).content).toMatch(/beats/);
  });

  it('gives up after the repairs with bad_response naming the last problem', async () => {
    fake.reply('no', 'still no', 'nope');
    const err = await providerFailure(client.json(Plan, ask));
    expect(err.kind).toBe('bad_response');
    expect(err.message).toContain('not valid JSON');
    expect(err.message).toContain(client.url);
  });

  it('embeds with floats, in input order', async () => {
    const embedder = new OpenAiCompatibleClient({ flavor: 'compatible', url: fake.url, apiKey: KEY, model: 'local-model', embeddingModel: 'nomic-embed-text-v1.5' });
    const vecs = await embedder.embed(['x', 'y'], { dimensions: 12 });
    expect(vecs.map((v) => v.length)).toEqual([12, 12]);
    expect(fake.calls('/v1/embeddings')[0]!.body).toMatchObject({ model: 'nomic-embed-text-v1.5', encoding_format: 'float', dimensions: 12 });
  });

  it('lists models', async () => {
    expect(await client.listModels()).toEqual(['local-model', 'nomic-embed-text-v1.5']);
  });

  it('maps a wrong key to auth without quoting the key', async () => {
    const wrong = 'sk-wrong-KEY-9876543210fedcba';
    const bad = new OpenAiCompatibleClient({ flavor: 'openai', url: fake.url, apiKey: wrong, model: 'local-model', maxRetries: 0 });
    const err = await providerFailure(bad.chat(ask));
    expect(err.kind).toBe('auth');
    expect(err.provider).toBe('openai');
    expect(err.message).toContain('API key');
    expectNoSecret(wrong, [err.message, String(err.stack)]);
  });

  it('maps an unknown model to missing_model', async () => {
    const other = new OpenAiCompatibleClient({ flavor: 'compatible', url: fake.url, apiKey: KEY, model: 'gpt-9' });
    const err = await providerFailure(other.chat(ask));
    expect(err.kind).toBe('missing_model');
    expect(err.message).toContain("model 'gpt-9'");
  });

  it('maps a 500 to server_error', async () => {
    fake.fail({ type: 'status', status: 500 });
    const err = await providerFailure(client.chat(ask));
    expect(err.kind).toBe('server_error');
    expect(err.message).toContain('HTTP 500');
    expectNoSecret(KEY, [err.message]);
  });

  it('maps a malformed JSON body to bad_response', async () => {
    fake.fail({ type: 'malformed' });
    expect((await providerFailure(client.chat(ask))).kind).toBe('bad_response');
  });

  it('maps a malformed stream event to bad_response', async () => {
    fake.reply('one two three').fail({ type: 'malformed' });
    expect((await providerFailure(client.chat({ ...ask, onToken: () => {} }))).kind).toBe('bad_response');
  });

  it('maps a stream cut off mid-answer to server_error', async () => {
    fake.reply('one two three four five').fail({ type: 'drop', afterChunks: 3 });
    const err = await providerFailure(client.chat({ ...ask, onToken: () => {} }));
    expect(err.kind).toBe('server_error');
  });

  it('times out a slow stream and closes the connection', async () => {
    fake.reply('one two three four five six').fail({ type: 'slow', delayMs: 150 });
    const err = await providerFailure(client.chat({ ...ask, onToken: () => {}, timeoutMs: 300 }));
    expect(err.kind).toBe('timeout');
    await fake.waitForEarlyClose();
  });

  it('cancels mid-stream and the server sees the connection close', async () => {
    fake.chunkDelayMs = 40;
    fake.reply('a b c d e f g h i j k l');
    const ac = new AbortController();
    const seen: string[] = [];
    const err = await providerFailure(client.chat({ ...ask, signal: ac.signal, onToken: (t) => seen.push(t) === 2 && ac.abort() }));
    expect(err.kind).toBe('cancelled');
    expect(seen.length).toBeLessThan(12);
    await fake.waitForEarlyClose();
  });

  it('says how to start the server when nothing listens', async () => {
    const url = await closedPortUrl();
    const err = await providerFailure(new OpenAiCompatibleClient({ flavor: 'compatible', url, apiKey: KEY, model: 'm' }).chat(ask));
    expect(err.kind).toBe('unreachable');
    expect(err.message).toContain(`${url}/v1`);
    expect(err.message).toContain('Settings → Providers');
    expectNoSecret(KEY, [err.message]);
  });
});
