/**
 * The whole desire → generation path through a real `auteur serve` (worker pool, job runner,
 * WebSocket events) with the Ollama protocol fake streaming NDJSON: process_desire starts the
 * generation, the LLM reply arrives as batched job.stream events and is kept for late viewers,
 * and the outcome lands on the desire (failed → reopened with the reason; passed → candidate,
 * accepted by the poster through the API).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { ServerEvent } from '../../shared/events.js';
import type { DesireDetail } from '../../shared/schemas/desires.js';
import type { Job } from '../../shared/schemas/jobs.js';
import type { GenerationStream } from '../../shared/routes/shader-discovery.js';
import { startFakeOllama, type FakeOllama } from '../fixtures/fake-ollama.js';
import { tokens } from '../fixtures/fake-http.js';
import { startHostProcess, waitFor, type HostProcess } from '../helpers/host-process.js';
import { waitForJob } from '../helpers/jobs.js';
import { assertRuntimeBuilt } from '../helpers/shader-runtime.js';

const GOOD = `void mainImage(out vec4 fragColor, in vec2 fragCoord) {
    vec2 uv = fragCoord / iResolution.xy;
    fragColor = vec4(uv, 0.5 + 0.5 * sin(iTime), 1.0);
}`;
/** No mainImage: the static check refuses it before any render, so failing attempts are quick. */
const NOT_A_SHADER = 'I would love to help! Imagine a shimmering ocean, with waves that glow softly in the moonlight, and a sky full of stars above it all.';

let ollama: FakeOllama;
let host: HostProcess;
let ws: WebSocket;
const events: ServerEvent[] = [];

beforeAll(async () => {
  assertRuntimeBuilt();
  ollama = await startFakeOllama({ models: ['llama3.2:latest'] });
  ollama.chunkDelayMs = 8;
  host = await startHostProcess(undefined, { OLLAMA_HOST: ollama.url });
  ws = new WebSocket(`${host.base.replace('http', 'ws')}/api/v1/events?token=${host.token}`);
  ws.on('message', (m) => {
    const parsed = ServerEvent.safeParse(JSON.parse(String(m)));
    if (parsed.success) events.push(parsed.data);
  });
  await new Promise((r, j) => ws.once('open', r).once('error', j));
}, 60_000);
afterAll(async () => {
  ws?.close();
  await host?.stop();
  await ollama?.close();
});

const streamOf = (jobId: string) => events.filter((e): e is Extract<ServerEvent, { type: 'job.stream' }> => e.type === 'job.stream' && e.jobId === jobId);

/** Joins a channel's chunks, checking each continues exactly where the last ended. */
function joined(jobId: string, channel: string): string {
  let text = '';
  for (const e of streamOf(jobId).filter((x) => x.channel === channel)) {
    expect(e.offset).toBe(text.length);
    text += e.text;
  }
  return text;
}

async function postDesire(promptText: string): Promise<DesireDetail> {
  const res = await host.api('/desires', { method: 'POST', json: { promptText } });
  expect(res.status).toBe(201);
  return (await res.json()) as DesireDetail;
}

describe('desire → generation with a streaming LLM', () => {
  it('streams every attempt token by token; three failures make a failed job and reopen the desire with the reason', async () => {
    ollama.reply(NOT_A_SHADER, NOT_A_SHADER, NOT_A_SHADER);
    const d = await postDesire('a shimmering moonlit ocean');
    expect(d).toMatchObject({ status: 'in_progress', fulfilment: { mode: 'auto', state: 'generating' } });
    const jobId = d.fulfilment!.jobId!;
    const job = await waitForJob(host, jobId, (j) => j.status === 'failed' || j.status === 'succeeded' || j.status === 'completed_with_problems', 'the generation to end', 120_000);
    expect(job.status).toBe('failed');
    expect(job.error).toMatch(/Ollama \(llama3\.2:latest\) wrote no shader that renders in 3 attempts/);

    // Live: each attempt's reply arrived in order, in batches (fewer events than tokens).
    for (const n of [1, 2, 3]) expect(joined(jobId, `attempt-${n}`)).toBe(NOT_A_SHADER);
    const chunks = streamOf(jobId).filter((e) => e.channel === 'attempt-1').length;
    expect(chunks).toBeGreaterThan(1);
    expect(chunks).toBeLessThan(tokens(NOT_A_SHADER).length);

    // Late viewers get the same text from the host.
    const res = await host.api(`/generate/stream/${jobId}`);
    const kept = (await res.json()) as GenerationStream;
    expect(kept.channels).toEqual([1, 2, 3].map((n) => ({ channel: `attempt-${n}`, text: NOT_A_SHADER, truncated: false })));

    const after = await waitFor(async () => {
      const r = (await (await host.api(`/desires/${d.id}`)).json()) as DesireDetail;
      return r.status === 'open' ? r : undefined;
    }, 'the desire to reopen');
    expect(after.fulfilment).toMatchObject({ state: 'failed', lastError: expect.stringContaining('wrote no shader that renders') });
    const review = await host.api(`/desires/${d.id}/candidate`, { method: 'POST', json: { verdict: 'accept' } });
    expect(review.status).toBe(409);
    expect(((await review.json()) as { error: { message: string } }).error.message).toMatch(/no candidate to review: the last attempt failed/);
  }, 150_000);

  it('a reply that renders becomes the candidate; the poster accepts it through the API', async () => {
    const reply = `Here you go:\n\`\`\`glsl\n${GOOD}\n\`\`\``;
    ollama.reply(reply);
    const d = await postDesire('a breathing colour gradient');
    const jobId = d.fulfilment!.jobId!;
    const job: Job = await waitForJob(host, jobId, (j) => !['queued', 'running'].includes(j.status), 'the generation to end', 240_000);
    expect(job.status, job.error ?? '').toBe('succeeded');
    expect(joined(jobId, 'attempt-1')).toBe(reply);

    const waiting = (await (await host.api(`/desires/${d.id}`)).json()) as DesireDetail;
    expect(waiting).toMatchObject({ status: 'in_progress', fulfilment: { state: 'candidate', candidate: { provider: 'ollama', model: 'llama3.2:latest', jobId } } });
    const shaderId = waiting.fulfilment!.candidate!.shaderId;
    const res = await host.api(`/desires/${d.id}/candidate`, { method: 'POST', json: { verdict: 'accept' } });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ status: 'fulfilled', fulfilledBy: { id: shaderId }, fulfilment: { state: 'accepted' } });
    const shader = (await (await host.api(`/shaders/${shaderId}`)).json()) as { status: string; renderStatus: string };
    expect(shader).toMatchObject({ status: 'published', renderStatus: 'ready' });
  }, 300_000);
});
