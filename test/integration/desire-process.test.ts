/**
 * process_desire (seed §9 steps 5–6) on a real studio core: the decision when a desire is posted,
 * the generation it starts, the draft that becomes the candidate (the real procedural composer and
 * the real headless renderer at a small size), and the poster's accept / reject.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { eq } from 'drizzle-orm';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ShaderGenerateInput } from '../../shared/jobs/shader-generate.js';
import { WorkerProviderConfig } from '../../shared/schemas/providers.js';
import type { ShaderSource } from '../../shared/shaders/source.js';
import { desires, jobs, shaders } from '../../electron/host/db/schema.js';
import { AUTO_FULFIL_PRIORITY, AUTO_FULFIL_QUEUE_LIMIT, decideFulfilment } from '../../electron/host/shaders/process-desire.js';
import type { RenderCheck } from '../../worker/generate/shader/generate.js';
import { RenderBrowser } from '../../worker/render/browser.js';
import { renderShader } from '../../worker/render/shader-renderer.js';
import { runShaderGenerate } from '../../worker/tasks/shader-generate.js';
import { openShaderCore, type ShaderCore } from '../helpers/shader-core.js';
import { assertRuntimeBuilt } from '../helpers/shader-runtime.js';

let browser: RenderBrowser;
let root: string;
let n = 0;
let sc: ShaderCore;

beforeAll(() => {
  assertRuntimeBuilt();
  browser = new RenderBrowser();
  root = mkdtempSync(join(tmpdir(), 'auteur-desire-process-'));
});
afterAll(async () => {
  await browser?.close();
  if (root) rmSync(root, { recursive: true, force: true });
});
beforeEach(async () => {
  sc = await openShaderCore();
});
afterEach(() => sc.close());

const NO_LLM = WorkerProviderConfig.parse({ ollama: { url: 'http://127.0.0.1:9', models: { llm: null, vision: null, embeddings: null } } });
const post = (promptText: string, autoFulfil = true) => sc.svc.desires.create({ promptText, ttlDays: 14, autoFulfil });
const jobRow = (id: string) => sc.core.database.db.select().from(jobs).where(eq(jobs.id, id)).get()!;
const desireRow = (id: string) => sc.core.database.db.select().from(desires).where(eq(desires.id, id)).get()!;

/** Plays the worker for a desire's generation job: the offline composer + the real renderer, then the host hook. */
async function runGeneration(jobId: string) {
  const row = jobRow(jobId);
  const workDir = mkdtempSync(join(root, `w${n++}-`));
  const check: RenderCheck = (source: ShaderSource) => renderShader({ source, width: 160, height: 90, fps: 10, seconds: 0.3, thumbnailTime: 1, preview: 'webm' }, { workDir, browser });
  const ctx = { jobId, attempt: 1, dataDir: root, workDir, providers: NO_LLM, signal: new AbortController().signal, progress: () => undefined, log: () => undefined };
  const out = await runShaderGenerate(ShaderGenerateInput.parse(row.input), ctx, check);
  return (await sc.core.hooks.get('shader.generate')!.onSucceeded!(row, out)) as { shaderId: string };
}

describe('the decision (pure)', () => {
  const base = { requested: true, generatorAvailable: true, heat: Math.LN2, queueDepth: 0, clusterBusy: null };
  it('generates a lone, fresh desire when the queue is clear, and says why', () => {
    expect(decideFulfilment(base)).toEqual({ mode: 'auto', reason: expect.stringMatching(/^Generating now: heat 0\.69 ≤ 1\.00 and the queue is clear \(0 of 3/) });
  });
  it('lists it on the board when hot, backed up, already answered in its cluster, opted out or without a generator', () => {
    expect(decideFulfilment({ ...base, heat: Math.log(3) })).toMatchObject({ mode: 'board', reason: expect.stringContaining('heat 1.10 is above 1.00') });
    expect(decideFulfilment({ ...base, queueDepth: AUTO_FULFIL_QUEUE_LIMIT })).toMatchObject({ mode: 'board', reason: expect.stringContaining('queue is backed up (3 interactive GPU jobs') });
    expect(decideFulfilment({ ...base, queueDepth: AUTO_FULFIL_QUEUE_LIMIT - 1 }).mode).toBe('auto');
    expect(decideFulfilment({ ...base, clusterBusy: { desireId: 'x', prompt: 'rain' } })).toMatchObject({ mode: 'board', reason: expect.stringContaining('similar desire ("rain")') });
    expect(decideFulfilment({ ...base, requested: false })).toMatchObject({ mode: 'board', reason: expect.stringContaining('asked not to') });
    expect(decideFulfilment({ ...base, generatorAvailable: false })).toMatchObject({ mode: 'board', reason: expect.stringContaining('no generator') });
  });
});

describe('process_desire on a real core', () => {
  it('a lone desire starts a generation with the configured generator at once, persisted on the desire', () => {
    const d = post('a slow aurora over dark mountains');
    expect(d.status).toBe('in_progress');
    expect(d.fulfilment).toMatchObject({ mode: 'auto', state: 'generating', candidate: null, lastError: null });
    const job = jobRow(d.fulfilment!.jobId!);
    expect(job).toMatchObject({ kind: 'shader.generate', status: 'queued', priority: AUTO_FULFIL_PRIORITY });
    expect(job.input).toMatchObject({ prompt: 'a slow aurora over dark mountains', provider: 'auto', desireId: d.id });
    // Persisted: a fresh read (and the list) shows the same decision.
    expect(sc.svc.desires.get(d.id).fulfilment).toEqual(d.fulfilment);
    expect(sc.svc.desires.list({ status: 'active', sort: 'new', limit: 5 }).items[0]!.fulfilment!.state).toBe('generating');
  });

  it('autoFulfil false, a hot desire and a backed-up queue go to the board with the reason', () => {
    const opted = post('pixel rain on a neon city', false);
    expect(opted).toMatchObject({ status: 'open', fulfilment: { mode: 'board', state: 'listed', jobId: null } });

    post('glowing jellyfish in deep water', false);
    post('jellyfish glowing in the deep water', false);
    const hot = post('deep water glowing jellyfish');
    expect(hot.heatScore).toBeCloseTo(Math.log(4), 6);
    expect(hot).toMatchObject({ status: 'open', fulfilment: { mode: 'board', reason: expect.stringContaining('heat 1.39 is above 1.00') } });

    // Background seed renders (priority < 0) do not count as a backed-up queue; interactive ones do.
    const src = { common: '', buffers: [], image: { code: 'void mainImage(out vec4 c, in vec2 p){ c = vec4(1.0); }', channels: [] } };
    const render = (priority: number) => sc.core.jobs.submit({ kind: 'shader.render', input: { source: src, width: 64, height: 36, fps: 10, seconds: 0, thumbnailTime: 0, preview: 'none' }, priority });
    for (let i = 0; i < 5; i++) render(-10);
    expect(post('a spinning copper torus').fulfilment!.mode).toBe('auto');
    for (let i = 0; i < AUTO_FULFIL_QUEUE_LIMIT - 1; i++) render(10);
    const busy = post('wobbling soap bubble film');
    expect(busy).toMatchObject({ status: 'open', fulfilment: { mode: 'board', reason: expect.stringContaining(`queue is backed up (${AUTO_FULFIL_QUEUE_LIMIT} interactive GPU jobs`) } });
  });

  it('a similar desire posted while the first is generating goes to the board', () => {
    const first = post('lava lamp blobs drifting slowly');
    expect(first.fulfilment!.state).toBe('generating');
    const second = post('slowly drifting lava lamp blobs');
    expect(second.clusterId).toBe(first.clusterId);
    expect(second.fulfilment).toMatchObject({ mode: 'board', reason: expect.stringContaining('already being answered') });
  });

  it('the generated draft that renders becomes the candidate; accepting publishes it and fulfils the desire', async () => {
    const d = post('concentric neon rings pulsing');
    const { shaderId } = await runGeneration(d.fulfilment!.jobId!);
    const shader = sc.svc.shaders.row(shaderId);
    // The generation's passing render is the draft's render: ready at once, no second render job.
    expect(shader).toMatchObject({ status: 'draft', renderStatus: 'ready', lastRenderJobId: d.fulfilment!.jobId, fulfillsDesireId: null });
    expect(shader.thumbnailMediaId).toBeTruthy();
    const waiting = sc.svc.desires.get(d.id);
    expect(waiting).toMatchObject({ status: 'in_progress', fulfilment: { state: 'candidate', candidate: { shaderId, provider: 'procedural', jobId: d.fulfilment!.jobId } } });

    expect(() => sc.svc.desires.reviewCandidate(d.id, { verdict: 'accept', retry: false, shaderId: 'an-older-candidate' })).toThrow(/The candidate changed/);
    const accepted = sc.svc.desires.reviewCandidate(d.id, { verdict: 'accept', retry: false, shaderId });
    expect(accepted).toMatchObject({ status: 'fulfilled', fulfilledBy: { id: shaderId }, fulfilment: { state: 'accepted' } });
    expect(sc.svc.shaders.row(shaderId)).toMatchObject({ status: 'published', fulfillsDesireId: d.id });
    expect(() => sc.svc.desires.reviewCandidate(d.id, { verdict: 'reject', retry: false })).toThrow(/is fulfilled; there is nothing to review/);
  }, 60_000);

  it('rejecting reopens the desire on the board and never offers that draft again; retry starts another generation', async () => {
    const d = post('a kaleidoscope of golden petals');
    const { shaderId } = await runGeneration(d.fulfilment!.jobId!);
    const rejected = sc.svc.desires.reviewCandidate(d.id, { verdict: 'reject', retry: false });
    expect(rejected).toMatchObject({ status: 'open', fulfilment: { state: 'rejected', candidate: null, rejectedShaderIds: [shaderId], reason: expect.stringContaining('rejected') } });
    expect(sc.svc.shaders.row(shaderId).status).toBe('draft');
    expect(() => sc.svc.desires.reviewCandidate(d.id, { verdict: 'accept', retry: false })).toThrow(/no candidate to review: no generated draft is waiting/);

    // A fresh generation (e.g. from the Generate view) proposes a new candidate; reject with retry queues another job.
    const second = sc.core.jobs.submit({ kind: 'shader.generate', input: { prompt: 'a kaleidoscope of golden petals', provider: 'procedural', seed: 5, desireId: d.id } }).job;
    sc.svc.desires.fulfiller.onGenerationStarted(d.id, second.id);
    const { shaderId: next } = await runGeneration(second.id);
    expect(sc.svc.desires.get(d.id).fulfilment!.candidate!.shaderId).toBe(next);
    const retried = sc.svc.desires.reviewCandidate(d.id, { verdict: 'reject', retry: true });
    expect(retried).toMatchObject({ status: 'in_progress', fulfilment: { state: 'generating', rejectedShaderIds: [shaderId, next] } });
    expect(retried.fulfilment!.jobId).not.toBe(second.id);
    expect(jobRow(retried.fulfilment!.jobId!)).toMatchObject({ kind: 'shader.generate', status: 'queued' });
  }, 90_000);

  it('a failed generation reopens the desire with the reason; reviewing then says why there is nothing to review', async () => {
    const d = post('rain sliding down a window at night');
    const row = jobRow(d.fulfilment!.jobId!);
    await sc.core.hooks.get('shader.generate')!.onFailed!(row, 'Ollama (llama3.2) wrote no shader that renders in 3 attempts');
    const after = sc.svc.desires.get(d.id);
    expect(after).toMatchObject({ status: 'open', fulfilment: { state: 'failed', lastError: 'Ollama (llama3.2) wrote no shader that renders in 3 attempts' } });
    expect(desireRow(d.id).status).toBe('open');
    expect(() => sc.svc.desires.reviewCandidate(d.id, { verdict: 'accept', retry: false })).toThrow(/the last attempt failed: Ollama/);
    // An older job failing again does not undo a newer attempt.
    const newer = sc.core.jobs.submit({ kind: 'shader.generate', input: { prompt: 'rain on a window', provider: 'procedural', desireId: d.id } }).job;
    sc.svc.desires.markInProgress(d.id);
    sc.svc.desires.fulfiller.onGenerationStarted(d.id, newer.id);
    await sc.core.hooks.get('shader.generate')!.onFailed!(row, 'late failure of the old job');
    expect(sc.svc.desires.get(d.id)).toMatchObject({ status: 'in_progress', fulfilment: { state: 'generating', jobId: newer.id, lastError: null } });
  });

  it('a candidate whose desire was fulfilled meanwhile by someone else is not offered', async () => {
    const d = post('a field of swaying fireflies');
    const other = sc.svc.shaders.create({ title: 'Fireflies by hand', source: { common: '', buffers: [], image: { code: 'void mainImage(out vec4 c, in vec2 p){ c = vec4(p.x / iResolution.x, 0.3, 0.1, 1.0); }', channels: [] } } }, { render: 'none' });
    sc.core.database.db.update(shaders).set({ renderStatus: 'ready' }).where(eq(shaders.id, other.id)).run();
    sc.svc.desires.fulfill(d.id, other.id);
    const { shaderId } = await runGeneration(d.fulfilment!.jobId!);
    expect(sc.svc.desires.get(d.id)).toMatchObject({ status: 'fulfilled', fulfilledBy: { id: other.id }, fulfilment: { state: 'generating', candidate: null } });
    expect(sc.svc.shaders.row(shaderId).status).toBe('draft');
  }, 60_000);
});
