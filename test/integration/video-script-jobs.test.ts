import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { VideoEntitiesInput, VideoEntitiesOutput, videoEntities } from '../../shared/jobs/video-entities.js';
import { VideoScriptInput, VideoScriptOutput, videoScript } from '../../shared/jobs/video-script.js';
import { VideoTranslateInput, VideoTranslateOutput } from '../../shared/jobs/video-translate.js';
import { WorkerProviderConfig } from '../../shared/schemas/providers.js';
import { VideoScript, scriptDurationSec } from '../../shared/video/script.js';
import type { TaskContext } from '../../worker/task-context.js';
import { videoEntitiesTask } from '../../worker/tasks/video-entities.js';
import { videoScriptTask } from '../../worker/tasks/video-script.js';
import { videoTranslateTask } from '../../worker/tasks/video-translate.js';
import { closedPortUrl } from '../fixtures/fake-http.js';
import { startFakeOllama, type FakeOllama } from '../fixtures/fake-ollama.js';
import { startFakeOpenAi, type FakeOpenAi } from '../fixtures/fake-openai.js';

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

const PROMPT = 'A lighthouse keeper fights a storm at sea, emerald and gold. At dawn the Coast Guard cutter Resolute reaches the rock.';
const scriptInput = (over: Record<string, unknown> = {}) => VideoScriptInput.parse({ prompt: PROMPT, ...over });

const LLM_SCRIPT = {
  title: 'The Keeper',
  scenes: [
    { id: 1, description: 'A white lighthouse on a black rock, emerald waves, gold lamp light cutting the storm.', duration: 4, camera: 'wide, slow_pan', actions: ['Waves break over the rock'], dialog: ['The storm came at dusk.'] },
    { id: 2, description: 'Dawn: the cutter Resolute reaches the rock, gold sun on emerald water.', duration: 4, camera: 'medium, dolly_in', actions: ['The cutter docks'], dialog: [{ speaker: 'Keeper', text: 'Resolute, at last.' }] },
  ],
};
const SCRIPT = VideoScript.parse({
  title: 'The Keeper',
  scenes: [
    { id: 's1', description: 'A lighthouse on Bell Rock in a storm.', camera: 'wide, slow_pan', durationSec: 3.5, actions: ['Waves break'], dialog: [{ text: 'The storm came at dusk over Bell Rock.' }] },
    { id: 's2', description: 'The Coast Guard cutter arrives.', camera: 'medium', durationSec: 3.5, actions: [], dialog: [{ speaker: 'Keeper', text: 'The Coast Guard, at last.' }] },
  ],
});

describe('video.script, video.translate and video.entities against the Ollama protocol fake', () => {
  let fake: FakeOllama;
  let providers: WorkerProviderConfig;
  beforeEach(async () => {
    fake = await startFakeOllama({ models: ['llama3.2:latest'] });
    providers = WorkerProviderConfig.parse({ ollama: { url: fake.url }, choice: { llm: 'ollama' } });
  });
  afterEach(() => fake.close());

  it('writes the script with the seed screenwriter template, repairs a mangled answer and fits the target', async () => {
    // Mangled: prose around JSON with a missing camera and a negative duration.
    fake.reply(`Sure! Here is your script:\n{"title":"The Keeper","scenes":[{"id":1,"description":"A lighthouse","duration":-3,"actions":[],"dialog":[]}]}`, LLM_SCRIPT);
    const { ctx, progress } = context(providers);
    const out = VideoScriptOutput.parse(await videoScriptTask(scriptInput({ provider: 'auto' }), ctx));
    expect(out).toMatchObject({ provider: 'ollama', model: 'llama3.2:latest', offline: false, attempts: 2, fallbackReason: null, durationTarget: 7 });
    expect(out.script.title).toBe('The Keeper');
    expect(out.script.scenes.map((s) => [s.id, s.durationSec, s.camera])).toEqual([['s1', 3.5, 'wide, slow_pan'], ['s2', 3.5, 'medium, dolly_in']]);
    expect(out.script.scenes[1]!.dialog).toEqual([{ speaker: 'Keeper', text: 'Resolute, at last.' }]);
    expect(out.warnings.join(' ')).toMatch(/added up to 8 s; they were scaled to the 7 s target/);
    expect(videoScript.verdict!(out)).toEqual({ outcome: 'succeeded' });
    const calls = fake.calls('/api/chat');
    expect(calls).toHaveLength(2);
    expect(calls[0]!.body.messages[1].content).toBe(
      `You are a concise cinematic screenwriter. Input: ${PROMPT}. Output JSON:\n\n{\n  "title": "...",\n  "scenes": [\n    {"id": 1, "description":"...", "duration":8, "camera":"close", "actions":["..."], "dialog":["..."]},\n    {"id": 2, "..."}\n  ]\n}`,
    );
    expect(calls[0]!.body.messages[0].content).toMatch(/add up to 7\./);
    expect(calls[0]!.body.format).toMatchObject({ type: 'object', required: ['title', 'scenes'] });
    expect(JSON.stringify(calls[1]!.body.messages)).toMatch(/rejected/);
    expect(progress.at(-1)).toEqual([1, 'generating_script: 2 scenes by ollama (llama3.2:latest) after 1 repair']);
  });

  it('sends a wrong scene count back to be repaired', async () => {
    fake.reply(LLM_SCRIPT, { ...LLM_SCRIPT, scenes: [...LLM_SCRIPT.scenes, { ...LLM_SCRIPT.scenes[0]!, id: 3 }] });
    const { ctx } = context(providers);
    const out = await videoScriptTask(scriptInput({ sceneCount: 3, durationTarget: 9 }), ctx);
    expect(out.script.scenes.map((s) => s.durationSec)).toEqual([3, 3, 3]);
    expect(JSON.stringify(fake.calls('/api/chat')[1]!.body.messages)).toMatch(/write exactly 3 scenes/);
  });

  it('an explicitly chosen LLM that never answers validly fails the job clearly', async () => {
    fake.reply('no', 'still no', 'nope');
    const { ctx } = context(providers);
    await expect(videoScriptTask(scriptInput({ provider: 'ollama' }), ctx)).rejects.toThrow(/not valid JSON/);
    expect(fake.calls('/api/chat')).toHaveLength(3);
  });

  it('"auto" falls back to the labelled offline writer when the LLM never answers validly, with the reason', async () => {
    fake.reply('no', 'still no', 'nope');
    const { ctx } = context(providers);
    const out = VideoScriptOutput.parse(await videoScriptTask(scriptInput(), ctx));
    expect(out).toMatchObject({ provider: 'embedded', model: 'offline-script-writer-v1', offline: true, attempts: 0 });
    expect(out.fallbackReason).toMatch(/^Ollama \(llama3\.2:latest\) did not give a valid script: .*not valid JSON/);
    expect(videoScript.verdict!(out)).toMatchObject({ outcome: 'problems', message: expect.stringMatching(/^The offline writer wrote this script, not an LLM\./) });
    expect(scriptDurationSec(out.script)).toBeCloseTo(7, 9);
  });

  it('translates the title and lines, keeping ids, timing and pictures; a dropped line is sent back', async () => {
    fake.reply(
      { title: 'El Farero', scenes: [{ id: 's1', lines: ['La tormenta llegó al anochecer sobre Bell Rock.'] }, { id: 's2', lines: [] }] },
      { title: 'El Farero', scenes: [{ id: 's1', lines: ['La tormenta llegó al anochecer sobre Bell Rock.'] }, { id: 's2', lines: ['La Guardia Costera, por fin.'] }] },
    );
    const { ctx } = context(providers);
    const out = VideoTranslateOutput.parse(await videoTranslateTask(VideoTranslateInput.parse({ script: SCRIPT, to: 'es' }), ctx));
    expect(out).toMatchObject({ from: 'en', language: 'es', provider: 'ollama', attempts: 2 });
    expect(out.script.title).toBe('El Farero');
    expect(out.script.scenes.map((s) => [s.id, s.durationSec, s.camera, s.description])).toEqual(SCRIPT.scenes.map((s) => [s.id, s.durationSec, s.camera, s.description]));
    expect(out.script.scenes[1]!.dialog).toEqual([{ speaker: 'Keeper', text: 'La Guardia Costera, por fin.' }]);
    const calls = fake.calls('/api/chat');
    expect(calls[0]!.body.messages[0].content).toMatch(/from English into Spanish/);
    expect(JSON.stringify(calls[1]!.body.messages)).toMatch(/scene s2 has 1 line: translate each one/);
  });

  it('a translation that echoes the source is refused and, never fixed, fails the job', async () => {
    const echo = { title: 'The Keeper', scenes: [{ id: 's1', lines: ['The storm came at dusk over Bell Rock.'] }, { id: 's2', lines: ['The Coast Guard, at last.'] }] };
    fake.reply(echo, echo, echo);
    const { ctx } = context(providers);
    await expect(videoTranslateTask(VideoTranslateInput.parse({ script: SCRIPT, to: 'fr' }), ctx)).rejects.toThrow(/the lines are unchanged/);
  });

  it('extracts named entities with types and scenes, dropping names the script does not contain', async () => {
    fake.reply({
      entities: [
        { name: 'Bell Rock', type: 'place', wikiTitle: 'Bell Rock Lighthouse' },
        { name: 'Coast Guard', type: 'organization', wikiTitle: 'United States Coast Guard' },
        { name: 'bell rock', type: 'place', wikiTitle: null },
        { name: 'Atlantis', type: 'place', wikiTitle: 'Atlantis' },
      ],
    });
    const { ctx } = context(providers);
    const out = VideoEntitiesOutput.parse(await videoEntitiesTask(VideoEntitiesInput.parse({ script: SCRIPT }), ctx));
    expect(out.entities).toEqual([
      { name: 'Bell Rock', type: 'place', wikiTitle: 'Bell Rock Lighthouse', sceneIds: ['s1'] },
      { name: 'Coast Guard', type: 'organization', wikiTitle: 'United States Coast Guard', sceneIds: ['s2'] },
    ]);
    expect(out).toMatchObject({ offline: false, reason: null, provider: 'ollama', warnings: ['"Atlantis" is not in the script; dropped'] });
    expect(videoEntities.verdict!(out)).toEqual({ outcome: 'succeeded' });
  });
});

describe('against the OpenAI-compatible protocol fake', () => {
  let fake: FakeOpenAi;
  let closed: string;
  beforeAll(async () => {
    fake = await startFakeOpenAi({ models: ['qwen2.5-7b-instruct'] });
    closed = await closedPortUrl();
  });
  afterAll(() => fake.close());

  it('writes the script through the chosen server', async () => {
    fake.reply(LLM_SCRIPT);
    const providers = WorkerProviderConfig.parse({ ollama: { url: closed }, openaiCompatible: { url: fake.url, model: null }, choice: { llm: 'auto' } });
    const { ctx } = context(providers);
    const out = await videoScriptTask(scriptInput({ provider: 'openai-compatible', title: 'Mine', durationTarget: 8 }), ctx);
    expect(out).toMatchObject({ provider: 'openai-compatible', model: 'qwen2.5-7b-instruct', offline: false, attempts: 1, warnings: [] });
    expect(out.script.title).toBe('Mine');
    expect(out.script.scenes.map((s) => s.durationSec)).toEqual([4, 4]);
  });
});

describe('without a usable LLM', () => {
  let providers: WorkerProviderConfig;
  beforeAll(async () => {
    providers = WorkerProviderConfig.parse({ ollama: { url: await closedPortUrl() } });
  });

  it('"auto" writes offline and says why; asking for the embedded writer is not a fallback', async () => {
    const { ctx } = context(providers);
    const out = await videoScriptTask(scriptInput(), ctx);
    expect(out).toMatchObject({ provider: 'embedded', offline: true });
    expect(out.fallbackReason).toMatch(/no LLM provider is usable|Ollama/i);
    expect(out.script.scenes.map((s) => s.description)).toEqual(['A lighthouse keeper fights a storm at sea, emerald and gold.', 'At dawn the Coast Guard cutter Resolute reaches the rock.']);
    const planned = await videoScriptTask(scriptInput({ provider: 'embedded' }), context(providers).ctx);
    expect(planned.fallbackReason).toBeNull();
    expect(videoScript.verdict!(planned)).toEqual({ outcome: 'succeeded' });
  });

  it('an explicit provider that is unreachable fails with its error', async () => {
    await expect(videoScriptTask(scriptInput({ provider: 'ollama' }), context(providers).ctx)).rejects.toThrow(/Ollama/);
  });

  it('translation fails saying it needs an LLM (no fake translation)', async () => {
    await expect(videoTranslateTask(VideoTranslateInput.parse({ script: SCRIPT, to: 'de' }), context(providers).ctx)).rejects.toThrow(/^Translating a script needs an LLM, and none is usable: .*Settings → Providers$/);
  });

  it('entities: none, with the reason that extraction needs an LLM', async () => {
    const out = await videoEntitiesTask(VideoEntitiesInput.parse({ script: SCRIPT }), context(providers).ctx);
    expect(out).toMatchObject({ entities: [], offline: true });
    expect(out.reason).toMatch(/^Named-entity extraction needs an LLM: /);
    expect(videoEntities.verdict!(out)).toMatchObject({ outcome: 'problems', message: out.reason });
  });
});
