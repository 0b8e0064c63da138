import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { VideoEntitiesOutput } from '../../shared/jobs/video-entities.js';
import type { VideoScriptOutput } from '../../shared/jobs/video-script.js';
import { VideoScript, scriptDurationSec } from '../../shared/video/script.js';
import { startHostProcess, tempHome, type HostProcess } from '../helpers/host-process.js';
import { createJob, waitForJob } from '../helpers/jobs.js';

// The video text jobs through a real host and worker process, with no LLM reachable.
const NO_LLM = { OLLAMA_HOST: 'http://127.0.0.1:9', OPENAI_BASE_URL: '', OPENAI_API_KEY: '', ANTHROPIC_API_KEY: '' };
let host: HostProcess;

beforeAll(async () => {
  host = await startHostProcess(tempHome('auteur-video-script-'), NO_LLM);
});
afterAll(async () => {
  await host?.stop();
});

const finished = (id: string) => waitForJob(host, id, (j) => ['succeeded', 'completed_with_problems', 'failed'].includes(j.status), 'the job to finish', 60_000);

describe('video.script, video.translate and video.entities through the host', () => {
  it('refuses a 50 kB prompt naming the limit, and an empty one', async () => {
    const big = await host.api('/jobs', { method: 'POST', json: { kind: 'video.script', input: { prompt: 'storm'.repeat(10_000) } } });
    expect(big.status).toBe(400);
    expect(JSON.stringify(await big.json())).toMatch(/the prompt is 50000 characters; at most 8000 characters are accepted/);
    const empty = await host.api('/jobs', { method: 'POST', json: { kind: 'video.script', input: { prompt: '  ' } } });
    expect(empty.status).toBe(400);
  });

  it('"auto" with no LLM writes the script offline, completed with problems naming why', async () => {
    const { status, job } = await createJob(host, { kind: 'video.script', input: { prompt: 'A fox crosses a frozen river at dawn. Snow falls on the pines.' } });
    expect(status).toBe(201);
    const done = await finished(job.id);
    expect(done.status).toBe('completed_with_problems');
    expect(done.error).toMatch(/^The offline writer wrote this script, not an LLM\./);
    const out = done.result as VideoScriptOutput;
    expect(out).toMatchObject({ provider: 'embedded', offline: true, durationTarget: 7 });
    expect(VideoScript.parse(out.script).scenes.map((s) => s.description)).toEqual(['A fox crosses a frozen river at dawn.', 'Snow falls on the pines.']);
    expect(scriptDurationSec(out.script)).toBeCloseTo(7, 9);
  });

  it('the embedded writer on request succeeds; translation fails saying it needs an LLM; entities are none with the reason', async () => {
    const script = await finished((await createJob(host, { kind: 'video.script', input: { prompt: 'Rain over Lisbon at night.', provider: 'embedded', durationTarget: 5 } })).job.id);
    expect(script.status).toBe('succeeded');
    const { script: s } = script.result as VideoScriptOutput;

    const tr = await finished((await createJob(host, { kind: 'video.translate', input: { script: s, to: 'pt' } })).job.id);
    expect(tr.status).toBe('failed');
    expect(tr.error).toMatch(/Translating a script needs an LLM/);

    const ner = await finished((await createJob(host, { kind: 'video.entities', input: { script: s } })).job.id);
    expect(ner.status).toBe('completed_with_problems');
    expect(ner.result as VideoEntitiesOutput).toMatchObject({ entities: [], offline: true, reason: expect.stringMatching(/^Named-entity extraction needs an LLM/) });
  });
});
