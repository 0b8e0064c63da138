import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { AnthropicClient } from '../../worker/providers/llm/anthropic.js';
import { closedPortUrl } from '../fixtures/fake-http.js';
import { startFakeAnthropic, type FakeAnthropic } from '../fixtures/fake-anthropic.js';
import { captureLog, expectNoSecret, providerFailure } from '../helpers/llm.js';

const KEY = 'sk-ant-test-SECRET-0123456789abcdef';
const Style = z.object({ palette: z.array(z.string()).min(2), speed: z.number().min(0).max(1) });
const ask = { messages: [{ role: 'user' as const, content: 'Pick a style' }] };

describe('Anthropic client against the protocol fake', () => {
  let fake: FakeAnthropic;
  let client: AnthropicClient;
  const log = captureLog();
  const messages: string[] = [];

  beforeEach(async () => {
    fake = await startFakeAnthropic({ apiKey: KEY });
    client = new AnthropicClient({ apiKey: KEY, model: 'claude-sonnet-4-6', baseURL: fake.url, timeoutMs: 5000, maxRetries: 0, log: log.log });
  });
  afterEach(async () => {
    await fake.close();
    expectNoSecret(KEY, [...log.lines, ...messages]);
  });

  async function failure(p: Promise<unknown>) {
    const err = await providerFailure(p);
    messages.push(err.message);
    return err;
  }

  it('sends a message with system, max_tokens and the key', async () => {
    fake.reply('Soft blues.');
    const res = await client.chat({ system: 'Be brief.', ...ask, maxTokens: 64 });
    expect(res).toMatchObject({ text: 'Soft blues.', provider: 'anthropic', model: 'claude-sonnet-4-6' });
    expect(res.usage.completionTokens).toBe(2);
    const call = fake.calls('/v1/messages')[0]!;
    expect(call.body).toMatchObject({ model: 'claude-sonnet-4-6', system: 'Be brief.', max_tokens: 64 });
    expect(call.headers['anthropic-version']).toBeTruthy();
  });

  it('sends images as base64 image blocks for vision', async () => {
    await client.chat({ messages: [{ role: 'user', content: 'What is this?', images: ['iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg=='] }] });
    const content = fake.calls('/v1/messages')[0]!.body.messages[0].content;
    expect(content).toEqual([
      { type: 'image', source: { type: 'base64', media_type: 'image/png', data: 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==' } },
      { type: 'text', text: 'What is this?' },
    ]);
  });

  it('streams text_delta events in order', async () => {
    fake.reply('red orange yellow green');
    const seen: string[] = [];
    const res = await client.chat({ ...ask, onToken: (t) => seen.push(t) });
    expect(seen).toEqual(['red ', 'orange ', 'yellow ', 'green']);
    expect(res.text).toBe('red orange yellow green');
    expect(res.usage).toEqual({ promptTokens: expect.any(Number), completionTokens: 4 });
  });

  it('forces one tool whose input_schema is the JSON schema', async () => {
    fake.reply({ palette: ['#000', '#fff'], speed: 0.3 });
    const res = await client.json(Style, { ...ask, name: 'style' });
    expect(res.value).toEqual({ palette: ['#000', '#fff'], speed: 0.3 });
    expect(res.attempts).toBe(1);
    const body = fake.calls('/v1/messages')[0]!.body;
    expect(body.tool_choice).toEqual({ type: 'tool', name: 'style' });
    expect(body.tools[0]).toMatchObject({ name: 'style', input_schema: { type: 'object', required: ['palette', 'speed'] } });
  });

  it('wraps a non-object schema and unwraps the answer', async () => {
    fake.reply({ value: ['a', 'b'] });
    const res = await client.json(z.array(z.string()), ask);
    expect(res.value).toEqual(['a', 'b']);
  });

  it('repairs with an is_error tool_result carrying the validation error', async () => {
    fake.reply({ palette: ['#000'], speed: 3 }, { palette: ['#000', '#111'], speed: 1 });
    const res = await client.json(Style, ask);
    expect(res.attempts).toBe(2);
    const msgs = fake.calls('/v1/messages')[1]!.body.messages;
    const toolUse = msgs.at(-2).content[0];
    const result = msgs.at(-1).content[0];
    expect(toolUse).toMatchObject({ type: 'tool_use', input: { palette: ['#000'], speed: 3 } });
    expect(result).toMatchObject({ type: 'tool_result', tool_use_id: toolUse.id, is_error: true });
    expect(result.content).toMatch(/palette/);
    expect(result.content).toMatch(/speed/);
  });

  it('gives up after the repairs with bad_response', async () => {
    fake.reply({ speed: 2 }, { speed: 2 }, { speed: 2 }, { speed: 2 });
    const err = await failure(client.json(Style, { ...ask, maxRepairs: 3 }));
    expect(err.kind).toBe('bad_response');
    expect(err.message).toContain('4 attempts');
    expect(fake.calls('/v1/messages')).toHaveLength(4);
  });

  it('has no embeddings API and says what to use', async () => {
    const err = await failure(client.embed());
    expect(err.kind).toBe('not_configured');
    expect(err.message).toMatch(/Ollama|OpenAI/);
  });

  it('maps a wrong key to auth without quoting either key', async () => {
    const wrong = 'sk-ant-wrong-9876543210fedcba';
    const err = await failure(new AnthropicClient({ apiKey: wrong, model: 'claude-sonnet-4-6', baseURL: fake.url, maxRetries: 0 }).chat(ask));
    expect(err.kind).toBe('auth');
    expect(err.message).toContain('Anthropic API key');
    expectNoSecret(wrong, [err.message]);
  });

  it('maps an unknown model to missing_model', async () => {
    const err = await failure(new AnthropicClient({ apiKey: KEY, model: 'claude-0', baseURL: fake.url, maxRetries: 0 }).chat(ask));
    expect(err.kind).toBe('missing_model');
    expect(err.message).toContain("model 'claude-0'");
  });

  it('maps a 529 overload to server_error', async () => {
    fake.fail({ type: 'status', status: 529 });
    const err = await failure(client.chat(ask));
    expect(err.kind).toBe('server_error');
    expect(err.message).toContain('HTTP 529');
  });

  it('maps a malformed JSON body to bad_response', async () => {
    fake.fail({ type: 'malformed' });
    expect((await failure(client.chat(ask))).kind).toBe('bad_response');
  });

  it('maps a stream cut off mid-answer to server_error', async () => {
    fake.reply('one two three four five').fail({ type: 'drop', afterChunks: 4 });
    expect((await failure(client.chat({ ...ask, onToken: () => {} }))).kind).toBe('server_error');
  });

  it('times out a slow stream and closes the connection', async () => {
    fake.reply('one two three four five six').fail({ type: 'slow', delayMs: 150 });
    const err = await failure(client.chat({ ...ask, onToken: () => {}, timeoutMs: 300 }));
    expect(err.kind).toBe('timeout');
    await fake.waitForEarlyClose();
  });

  it('cancels mid-stream and the server sees the connection close', async () => {
    fake.chunkDelayMs = 40;
    fake.reply('a b c d e f g h i j k l');
    const ac = new AbortController();
    const seen: string[] = [];
    const err = await failure(client.chat({ ...ask, signal: ac.signal, onToken: (t) => seen.push(t) === 2 && ac.abort() }));
    expect(err.kind).toBe('cancelled');
    await fake.waitForEarlyClose();
  });

  it('names the URL when nothing listens', async () => {
    const url = await closedPortUrl();
    const err = await failure(new AnthropicClient({ apiKey: KEY, model: 'claude-sonnet-4-6', baseURL: url, maxRetries: 0 }).chat(ask));
    expect(err.kind).toBe('unreachable');
    expect(err.message).toContain(url);
  });
});
