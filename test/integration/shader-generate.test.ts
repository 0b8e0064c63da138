/**
 * shader.generate end to end with the real pieces: the procedural composer, the headless
 * renderer (small frames to stay fast on two cores), the Ollama client against the protocol
 * fake, and the host hook on a real studio core (SQLite, media store, services).
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { shaderGenerate, ShaderGenerateInput, ShaderGenerateOutput, type ShaderGenerateInputRaw } from '../../shared/jobs/shader-generate.js';
import { WorkerProviderConfig } from '../../shared/schemas/providers.js';
import type { ShaderSource } from '../../shared/shaders/source.js';
import { desires, generationLog, jobs, mediaObjects, shaders } from '../../electron/host/db/schema.js';
import { compose, FAMILY_IDS, PROCEDURAL_MODEL } from '../../worker/generate/procedural/index.js';
import type { RenderCheck } from '../../worker/generate/shader/generate.js';
import { RenderBrowser } from '../../worker/render/browser.js';
import { renderShader } from '../../worker/render/shader-renderer.js';
import type { TaskContext } from '../../worker/task-context.js';
import { runShaderGenerate } from '../../worker/tasks/shader-generate.js';
import { AnthropicClient } from '../../worker/providers/llm/anthropic.js';
import { generateWithLlm } from '../../worker/generate/shader/generate.js';
import { startFakeAnthropic } from '../fixtures/fake-anthropic.js';
import { tokens } from '../fixtures/fake-http.js';
import { startFakeOllama, type FakeOllama } from '../fixtures/fake-ollama.js';
import { startFakeOpenAi } from '../fixtures/fake-openai.js';
import { openShaderCore, type ShaderCore } from '../helpers/shader-core.js';
import { assertRuntimeBuilt } from '../helpers/shader-runtime.js';

let browser: RenderBrowser;
let root: string;
let n = 0;

beforeAll(() => {
  assertRuntimeBuilt();
  browser = new RenderBrowser();
  root = mkdtempSync(join(tmpdir(), 'auteur-generate-test-'));
});
afterAll(async () => {
  await browser?.close();
  if (root) rmSync(root, { recursive: true, force: true });
});

const workDir = (): string => mkdtempSync(join(root, `w${n++}-`));

/** The real renderer at a small size (the job itself renders 640x360, 4 s, WebM). */
const smallCheck =
  (dir: string, preview: 'none' | 'webm' = 'none'): RenderCheck =>
  (source: ShaderSource) =>
    renderShader({ source, width: 160, height: 90, fps: 10, seconds: 0.3, thumbnailTime: 1, preview }, { workDir: dir, browser });

function taskContext(providers: Partial<WorkerProviderConfig>, lines: string[] = []): TaskContext {
  return {
    jobId: 'test-job',
    attempt: 1,
    dataDir: root,
    workDir: workDir(),
    providers: WorkerProviderConfig.parse(providers),
    signal: new AbortController().signal,
    progress: (f, m) => lines.push(`progress ${f.toFixed(2)} ${m ?? ''}`),
    log: (level, m) => lines.push(`${level} ${m}`),
  };
}

/** Nothing listens on the discard port: every LLM probe fails fast. */
const NO_LLM = { ollama: { url: 'http://127.0.0.1:9', models: { llm: null, vision: null, embeddings: null } } };
const input = (raw: ShaderGenerateInputRaw) => ShaderGenerateInput.parse(raw);

const GOOD = `// A gradient that breathes.
void mainImage(out vec4 fragColor, in vec2 fragCoord) {
    vec2 uv = fragCoord / iResolution.xy;
    fragColor = vec4(uv, 0.5 + 0.5 * sin(iTime), 1.0);
}`;
const BROKEN = `void mainImage(out vec4 fragColor, in vec2 fragCoord) {
    vec2 uv = fragCoord / iResolution.xy;
    fragColor = vec4(uv * wobble, 0.0, 1.0);
}`;

describe('procedural compositions render in the real renderer', () => {
  it('one per family: compiled, not black, not NaN', async () => {
    for (const [i, family] of FAMILY_IDS.entries()) {
      const style = i % 2 ? { chaos: 1, colorTemperature: 1, motion: 1 } : { chaos: 0, colorTemperature: -1, motion: 0 };
      const c = compose({ prompt: 'glowing', style, seed: i, family });
      const out = await smallCheck(workDir())(c.source, 1);
      expect(out.ok, `${family}: ${JSON.stringify(out.failure)}`).toBe(true);
      expect(out.validity.allBlack).toBe(false);
      expect(out.stats!.meanBrightness, family).toBeGreaterThan(0.02);
    }
  }, 240_000);
});

describe('shader.generate with an LLM (Ollama protocol fake)', () => {
  let ollama: FakeOllama;
  beforeAll(async () => {
    ollama = await startFakeOllama();
  });
  afterAll(() => ollama?.close());

  it('feeds the compile error back with the seed §7 template and passes on the second attempt', async () => {
    ollama.reply(`Here is a shader:\n\`\`\`glsl\n${BROKEN}\n\`\`\`\nHope you like it!`, `\`\`\`glsl\n${GOOD}\n\`\`\``);
    const before = ollama.calls('/api/chat').length;
    const lines: string[] = [];
    const ctx = taskContext({ ollama: { url: ollama.url, models: { llm: 'llama3.2', vision: null, embeddings: null } } }, lines);
    const out = await runShaderGenerate(input({ prompt: 'a breathing gradient', provider: 'ollama', style: { chaos: 0.2, colorTemperature: 0.5, motion: 0.3 } }), ctx, smallCheck(ctx.workDir));
    expect(ShaderGenerateOutput.parse(out)).toBeTruthy();
    expect(out.provider).toBe('ollama');
    expect(out.model).toBe('llama3.2:latest');
    expect(out.attempts.map((a) => a.ok)).toEqual([false, true]);
    expect(out.attempts[0]!.failure!.code).toBe('compile_error');
    expect(out.attempts[0]!.diagnostics.some((d) => d.severity === 'error' && d.line === 3 && /wobble/.test(d.message))).toBe(true);
    expect(out.source.image.code).toBe(`${GOOD}\n`);
    expect(out.tokens!.prompt).toBeGreaterThan(0);
    expect(out.tokens!.completion).toBeGreaterThan(0);
    expect(out.render.ok).toBe(true);
    expect(out.fallbackReason).toBeNull();
    // Passing on the second attempt is the designed feedback loop: a plain success.
    expect(shaderGenerate.verdict!(out)).toEqual({ outcome: 'succeeded' });

    const calls = ollama.calls('/api/chat').slice(before);
    expect(calls).toHaveLength(2);
    const system = calls[0]!.body.messages.find((m: { role: string }) => m.role === 'system')?.content ?? '';
    expect(system).toContain('Entry point must be: void mainImage(out vec4 fragColor, in vec2 fragCoord)');
    const first = calls[0]!.body.messages.at(-1).content as string;
    expect(first).toMatch(/^Style guidance: \{"chaos_level":0\.2,"color_temperature":"warm",/);
    expect(first).toContain('User request: a breathing gradient');
    const retry = calls[1]!.body.messages.at(-1).content as string;
    expect(retry).toContain('Previous attempt failed with this GLSL compiler error:\nERROR: line 3:');
    expect(retry).toContain('wobble');
    expect(retry).toContain(`Here is the failing code:\n${BROKEN}\n`);
    expect(retry.endsWith('Corrected shader (GLSL only):')).toBe(true);
    expect(lines.some((l) => l.startsWith('progress') && l.includes('Writing'))).toBe(true);
    expect(lines.some((l) => l.startsWith('progress') && l.includes('Checking'))).toBe(true);
  }, 120_000);

  it('fails after three bad attempts with the last error', async () => {
    ollama.reply(BROKEN, BROKEN, 'I cannot write shaders, sorry.');
    const ctx = taskContext({ ollama: { url: ollama.url, models: { llm: 'llama3.2', vision: null, embeddings: null } } });
    await expect(runShaderGenerate(input({ prompt: 'anything', provider: 'ollama' }), ctx, smallCheck(ctx.workDir))).rejects.toThrow(
      /Ollama \(llama3\.2:latest\) wrote no shader that renders in 3 attempts; last error: static_check: .*mainImage/,
    );
  }, 120_000);

  it('an explicitly chosen provider that is down fails clearly instead of faking it', async () => {
    const ctx = taskContext(NO_LLM);
    await expect(runShaderGenerate(input({ prompt: 'anything', provider: 'ollama' }), ctx, smallCheck(ctx.workDir))).rejects.toThrow(/Ollama|127\.0\.0\.1:9/);
  }, 60_000);
});

describe('shader.generate without an LLM', () => {
  it('"auto" with no reachable LLM composes procedurally and says why', async () => {
    const lines: string[] = [];
    const ctx = taskContext(NO_LLM, lines);
    const out = await runShaderGenerate(input({ prompt: 'concentric neon rings', provider: 'auto', seed: 11 }), ctx, smallCheck(ctx.workDir));
    expect(out.provider).toBe('procedural');
    expect(out.model).toBe(PROCEDURAL_MODEL);
    expect(out.family).toBe('rings');
    expect(out.fallbackReason).toMatch(/no LLM provider is usable/i);
    expect(lines.some((l) => /procedural composer writes this shader/.test(l))).toBe(true);
    expect(out.tokens).toBeNull();
    expect(out.seed).toBe(11);
    // Deterministic: the same seed composes the same shader.
    expect(out.source).toEqual(compose({ prompt: 'concentric neon rings', style: { chaos: 0.5, colorTemperature: 0, motion: 0.5 }, seed: 11 }).source);
    // Asked for an LLM, got the composer: a real draft, but completed with problems, saying why.
    expect(shaderGenerate.verdict!(out)).toEqual({ outcome: 'problems', message: expect.stringMatching(/^No LLM was usable, so the offline procedural composer wrote "[^"]+"\. .*no LLM provider is usable/i) });
  }, 60_000);

  it('"auto" with the composer chosen in Settings is the plan, not a fallback: a plain success', async () => {
    const lines: string[] = [];
    const ctx = taskContext({ ...NO_LLM, choice: { llm: 'procedural' } }, lines);
    const out = await runShaderGenerate(input({ prompt: 'concentric neon rings', provider: 'auto', seed: 11 }), ctx, smallCheck(ctx.workDir));
    expect(out.provider).toBe('procedural');
    expect(out.fallbackReason).toBeNull();
    expect(lines.some((l) => /as chosen in Settings/.test(l))).toBe(true);
    expect(shaderGenerate.verdict!(out)).toEqual({ outcome: 'succeeded' });
  }, 60_000);
});

describe('the host hook stores the result', () => {
  let sc: ShaderCore;
  beforeAll(async () => {
    sc = await openShaderCore();
  });
  afterAll(() => sc?.close());

  it('a passing generation becomes a draft with provenance, media and a generation_log row', async () => {
    const raw = { prompt: 'golden kaleidoscope bloom', provider: 'procedural' as const, seed: 3 };
    const { job } = sc.core.jobs.submit({ kind: 'shader.generate', input: raw, userId: sc.core.ownerUserId });
    const ctx = taskContext(NO_LLM);
    const out = await runShaderGenerate(input(raw), ctx, smallCheck(ctx.workDir, 'webm'));
    const thumbPath = out.render.thumbnail!.path!;
    expect(existsSync(thumbPath)).toBe(true);
    const row = sc.core.database.db.select().from(jobs).where(eq(jobs.id, job.id)).get()!;
    const stored = ShaderGenerateOutput.parse(await sc.core.hooks.get('shader.generate')!.onSucceeded!(row, out));

    expect(stored.shaderId).toBeTruthy();
    expect(stored.render.thumbnail!.path).toBeNull();
    expect(existsSync(thumbPath)).toBe(false);
    const shader = sc.core.database.db.select().from(shaders).where(eq(shaders.id, stored.shaderId!)).get()!;
    expect(shader).toMatchObject({ status: 'draft', origin: 'generate', isAiGenerated: true, aiProvider: 'procedural', aiModel: PROCEDURAL_MODEL, title: 'Golden Kaleidoscope Bloom' });
    expect(shader.thumbnailMediaId).toBe(stored.render.thumbnail!.mediaId);
    expect(shader.previewMediaId).toBe(stored.render.preview!.mediaId);
    const media = sc.core.database.db.select().from(mediaObjects).where(eq(mediaObjects.id, shader.thumbnailMediaId!)).get()!;
    expect(media).toMatchObject({ provider: 'procedural', model: PROCEDURAL_MODEL, jobId: job.id, mime: 'image/png' });
    const log = sc.core.database.db.select().from(generationLog).where(eq(generationLog.jobId, job.id)).all();
    expect(log).toEqual([expect.objectContaining({ shaderId: shader.id, provider: 'procedural', model: PROCEDURAL_MODEL, promptText: raw.prompt, success: true, tokensUsed: null })]);
  }, 120_000);

  it('a failed generation is logged and its desire opens again', async () => {
    const desire = sc.svc.desires.create({ promptText: 'a shader of rain on glass', ttlDays: 14 });
    sc.svc.desires.markInProgress(desire.id);
    const { job } = sc.core.jobs.submit({ kind: 'shader.generate', input: { prompt: 'rain on glass', provider: 'anthropic', desireId: desire.id }, userId: sc.core.ownerUserId });
    const row = sc.core.database.db.select().from(jobs).where(eq(jobs.id, job.id)).get()!;
    await sc.core.hooks.get('shader.generate')!.onFailed!(row, 'No Anthropic API key is set');
    const log = sc.core.database.db.select().from(generationLog).where(eq(generationLog.jobId, job.id)).get()!;
    expect(log).toMatchObject({ success: false, provider: 'anthropic', error: 'No Anthropic API key is set', shaderId: null });
    expect(sc.core.database.db.select().from(desires).where(eq(desires.id, desire.id)).get()!.status).toBe('open');
  });
});

describe('the LLM reply streams while a generation runs (SSE protocol fakes)', () => {
  /** Joins the chunks of each channel, checking each continues exactly where the last ended. */
  function collect() {
    const chunks: Array<{ channel: string; offset: number; text: string }> = [];
    const text = (channel: string) =>
      chunks
        .filter((c) => c.channel === channel)
        .reduce((acc, c) => {
          expect(c.offset).toBe(acc.length);
          return acc + c.text;
        }, '');
    return { chunks, text, sink: (channel: string, offset: number, t: string) => void chunks.push({ channel, offset, text: t }) };
  }

  it('OpenAI-compatible (chat.completion.chunk SSE): each attempt on its own channel, in batches', async () => {
    const fake = await startFakeOpenAi({ apiKey: 'sk-local', models: ['local-model'] });
    try {
      fake.chunkDelayMs = 3;
      const first = `\`\`\`glsl\n${BROKEN}\n\`\`\``;
      const second = `Fixed:\n\`\`\`glsl\n${GOOD}\n\`\`\``;
      fake.reply(first, second);
      const live = collect();
      const ctx = { ...taskContext({ openaiCompatible: { url: `${fake.url}/v1`, apiKey: 'sk-local', model: 'local-model' } }), stream: live.sink };
      const out = await runShaderGenerate(input({ prompt: 'a breathing gradient', provider: 'openai-compatible' }), ctx, smallCheck(ctx.workDir));
      expect(out.attempts.map((a) => a.ok)).toEqual([false, true]);
      expect(live.text('attempt-1')).toBe(first);
      expect(live.text('attempt-2')).toBe(second);
      expect(live.chunks.length).toBeLessThan(tokens(first).length + tokens(second).length);
      expect(fake.calls('/v1/chat/completions').every((c) => c.body.stream === true)).toBe(true);
    } finally {
      await fake.close();
    }
  }, 120_000);

  it('Anthropic (message stream SSE: content_block_delta text_delta)', async () => {
    const fake = await startFakeAnthropic({ apiKey: 'sk-ant-test' });
    try {
      const reply = `\`\`\`glsl\n${GOOD}\n\`\`\``;
      fake.reply(reply);
      const live = collect();
      const client = new AnthropicClient({ apiKey: 'sk-ant-test', model: 'claude-sonnet-4-6', baseURL: fake.url, timeoutMs: 10_000, maxRetries: 0 });
      const dir = workDir();
      const out = await generateWithLlm(client, input({ prompt: 'a breathing gradient' }), 1, { check: smallCheck(dir), signal: new AbortController().signal, progress: () => undefined, log: () => undefined, stream: live.sink });
      expect(out.provider).toBe('anthropic');
      expect(live.text('attempt-1')).toBe(reply);
      expect(fake.calls('/v1/messages')[0]!.body.stream).toBe(true);
      expect(out.tokens!.completion).toBeGreaterThan(0);
    } finally {
      await fake.close();
    }
  }, 120_000);
});
