import { readFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ShotsBreakdownInput, ShotsBreakdownOutput, shotsBreakdown } from '../../shared/jobs/shots-breakdown.js';
import { ShotsPayloadInput, ShotsPayloadOutput, shotsPayload } from '../../shared/jobs/shots-payload.js';
import { WorkerProviderConfig } from '../../shared/schemas/providers.js';
import { parseScreenplay } from '../../shared/shots/parse-script.js';
import { sceneToFountain } from '../../shared/shots/to-fountain.js';
import { checkVeoPayload } from '../../shared/shots/veo.js';
import { shotsBreakdownTask } from '../../worker/tasks/shots-breakdown.js';
import { shotsPayloadTask } from '../../worker/tasks/shots-payload.js';
import type { TaskContext } from '../../worker/task-context.js';
import { closedPortUrl } from '../fixtures/fake-http.js';
import { startFakeOllama, type FakeOllama } from '../fixtures/fake-ollama.js';

const SCRIPT = parseScreenplay(readFileSync(new URL('../fixtures/shots/brick-and-steel.fountain', import.meta.url)));
const PATIO = SCRIPT.scenes[0]!;

function context(providers: WorkerProviderConfig) {
  const progress: [number, string | undefined][] = [];
  const logs: string[] = [];
  const ctx: TaskContext = {
    jobId: 'job1',
    attempt: 1,
    dataDir: '/nonexistent',
    workDir: '/nonexistent',
    providers,
    signal: new AbortController().signal,
    progress: (f, m) => progress.push([f, m]),
    log: (_l, m) => logs.push(m),
  };
  return { ctx, progress, logs };
}

const breakdownInput = (provider: string) => ShotsBreakdownInput.parse({ sceneId: 'scene1', slugline: PATIO.slugline, rawContent: sceneToFountain(PATIO), provider });
const payloadInput = (provider: string) =>
  ShotsPayloadInput.parse({
    shotId: 'shot1',
    shot: { description: 'Steel emerges with two cold beers.', duration: 4, shotType: 'MEDIUM', camera: 'static', characters: ['STEEL'] },
    slugline: PATIO.slugline,
    ingredients: [{ slot: 1, id: 'i1', name: 'Steel', type: 'Character', caption: 'A retired detective in a Hawaiian shirt', mediaId: 'm1', mime: 'image/png' }],
    provider,
  });

describe('shots.breakdown and shots.payload against the Ollama protocol fake', () => {
  let fake: FakeOllama;
  let providers: WorkerProviderConfig;
  beforeEach(async () => {
    fake = await startFakeOllama({ models: ['llama3.2:latest'] });
    providers = WorkerProviderConfig.parse({ ollama: { url: fake.url }, choice: { llm: 'ollama' } });
  });
  afterEach(() => fake.close());

  const llmShots = {
    shots: [
      { description: 'Brick sits on the patio in the sun.', duration: 6, shotType: 'WIDE', camera: 'static', characters: ['BRICK'] },
      { description: 'Steel comes out with two beers.', duration: 4, shotType: 'MEDIUM', camera: 'pan', characters: ['STEEL'] },
    ],
  };

  it('breaks a scene down with the Script Supervisor prompt and repairs an invalid answer', async () => {
    fake.reply({ shots: [{ description: 'x', duration: -1, shotType: 'SIDEWAYS' }] }, llmShots);
    const { ctx, progress } = context(providers);
    const out = ShotsBreakdownOutput.parse(await shotsBreakdownTask(breakdownInput('auto'), ctx));
    expect(out).toMatchObject({ source: 'llm', provider: 'ollama', attempts: 2, fallbackReason: null, shots: llmShots.shots });
    expect(shotsBreakdown.verdict!(out)).toEqual({ outcome: 'succeeded' });
    const calls = fake.calls('/api/chat');
    expect(calls).toHaveLength(2);
    expect(calls[0]!.body.messages[0].content).toMatch(/^You are a Script Supervisor\. Break the following screenplay text into a structured JSON array of shots\./);
    expect(calls[0]!.body.messages[1].content).toContain("EXT. BRICK'S PATIO - DAY");
    expect(calls[0]!.body.format).toMatchObject({ type: 'object', required: ['shots'] });
    // The second call carries the validation error back.
    expect(JSON.stringify(calls[1]!.body.messages)).toMatch(/rejected/);
    expect(progress.at(-1)![0]).toBe(1);
  });

  it('an explicitly chosen LLM that never answers validly fails the job with the reason', async () => {
    fake.reply('no', 'still no', 'nope');
    const { ctx } = context(providers);
    await expect(shotsBreakdownTask(breakdownInput('ollama'), ctx)).rejects.toThrow(/JSON|schema/i);
  });

  it('"auto" falls back to the labelled offline breakdown when the LLM never answers validly', async () => {
    fake.reply('no', 'still no', 'nope');
    const { ctx } = context(providers);
    const out = await shotsBreakdownTask(breakdownInput('auto'), ctx);
    expect(out.source).toBe('heuristic');
    expect(out.fallbackReason).toMatch(/did not give a valid breakdown/);
    expect(shotsBreakdown.verdict!(out)).toMatchObject({ outcome: 'problems', message: expect.stringMatching(/offline breakdown/) });
  });

  it('writes the Veo prompt at low temperature from the given facts and keeps images/parameters deterministic', async () => {
    fake.reply(
      { prompt: 'Medium shot of a retired detective with two beers.', negativePrompt: null },
      { prompt: 'Medium shot: Steel, the retired detective in a Hawaiian shirt from reference image 1, steps onto the sunny patio holding two cold beers.', negativePrompt: null },
    );
    const { ctx } = context(providers);
    const out = ShotsPayloadOutput.parse(await shotsPayloadTask(payloadInput('auto'), ctx));
    expect(out).toMatchObject({ source: 'llm', attempts: 2, fallbackReason: null });
    expect(checkVeoPayload(out.payload, 'gemini')).toBeNull();
    expect(out.payload.instances[0].prompt).toMatch(/^Medium shot: Steel/);
    expect(out.payload.instances[0].referenceImages).toEqual([{ image: { mediaId: 'm1', mimeType: 'image/png' }, referenceType: 'ASSET' }]);
    expect(out.payload.parameters).toMatchObject({ durationSeconds: 8, aspectRatio: '16:9', personGeneration: 'allow_adult' });
    const first = fake.calls('/api/chat')[0]!.body;
    expect(first.options.temperature).toBe(0.2);
    expect(first.messages[0].content).toMatch(/Use ONLY the facts/);
    expect(first.messages[1].content).toContain('Reference image 1 — Character "Steel": A retired detective in a Hawaiian shirt');
    expect(out.context).toBe(first.messages[1].content);
    // The first answer dropped the slotted character's name: sent back.
    expect(JSON.stringify(fake.calls('/api/chat')[1]!.body.messages)).toMatch(/missing: Steel/);
  });

  it('a payload answer that never validates fails the job (3 answers: the first and two retries)', async () => {
    fake.reply('x', 'y', 'z', 'never read');
    const { ctx } = context(providers);
    await expect(shotsPayloadTask(payloadInput('auto'), ctx)).rejects.toThrow();
    expect(fake.calls('/api/chat')).toHaveLength(3);
  });
});

describe('offline (no LLM reachable)', () => {
  it('"auto" uses the heuristic and the template, labelled with the reason', async () => {
    const providers = WorkerProviderConfig.parse({ ollama: { url: await closedPortUrl() } });
    const { ctx } = context(providers);
    const b = await shotsBreakdownTask(breakdownInput('auto'), ctx);
    expect(b).toMatchObject({ source: 'heuristic', provider: 'heuristic' });
    expect(b.fallbackReason).toMatch(/no LLM provider is usable|Ollama/i);
    expect(b.shots.length).toBeGreaterThan(3);
    const p = await shotsPayloadTask(payloadInput('auto'), ctx);
    expect(p).toMatchObject({ source: 'template', provider: 'template' });
    expect(shotsPayload.verdict!(p)).toMatchObject({ outcome: 'problems', message: expect.stringMatching(/offline template/) });
    expect(checkVeoPayload(p.payload)).toBeNull();
  });

  it('asking for the heuristic is not a fallback', async () => {
    const { ctx } = context(WorkerProviderConfig.parse({ ollama: { url: await closedPortUrl() } }));
    const b = await shotsBreakdownTask(breakdownInput('heuristic'), ctx);
    expect(b.fallbackReason).toBeNull();
    expect(shotsBreakdown.verdict!(b)).toEqual({ outcome: 'succeeded' });
  });

  it('a scene whose stored text lost its heading is still read', async () => {
    const { ctx } = context(WorkerProviderConfig.parse({}));
    const b = await shotsBreakdownTask(ShotsBreakdownInput.parse({ sceneId: 's', slugline: 'INT. A - DAY', rawContent: 'She waits.\n\nBOB\nHi.', provider: 'heuristic' }), ctx);
    expect(b.shots.map((s) => s.shotType)).toEqual(['WIDE', 'CLOSE-UP']);
  });
});
