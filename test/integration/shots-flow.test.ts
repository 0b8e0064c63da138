import { readFileSync } from 'node:fs';
import sharp from 'sharp';
import { afterAll, describe, expect, it } from 'vitest';
import type { Job } from '../../shared/schemas/jobs.js';
import type { Ingredient, ParseScriptResult, Project, ProjectBoard, ShotWithWarnings } from '../../shared/schemas/shots.js';
import { closedPortUrl } from '../fixtures/fake-http.js';
import { startFakeOllama, type FakeOllama } from '../fixtures/fake-ollama.js';
import { startHostProcess, tempHome, waitFor, type HostProcess } from '../helpers/host-process.js';
import { json } from '../helpers/api-json.js';

/**
 * The whole pipeline through a real host and real worker processes: import a screenplay →
 * shots.breakdown per scene → slot an uploaded reference → shots.payload → a ready shot with a
 * valid Veo request. Once offline (heuristic + template, labelled) and once with an LLM (the
 * Ollama protocol fake).
 */
const SCRIPT = readFileSync(new URL('../fixtures/shots/brick-and-steel.fountain', import.meta.url), 'utf8');
const hosts: HostProcess[] = [];
let fake: FakeOllama | null = null;
afterAll(async () => {
  for (const h of hosts) await h.stop();
  await fake?.close();
});


async function finished(host: HostProcess, id: string): Promise<Job> {
  return waitFor(
    async () => {
      const job = await json<Job>(await host.api(`/jobs/${id}`));
      return ['succeeded', 'completed_with_problems', 'failed', 'cancelled'].includes(job.status) ? job : null;
    },
    `job ${id} to finish`,
    90_000,
    200,
  );
}

async function importAndSlot(host: HostProcess) {
  const project = await json<Project>(await host.api('/shots/projects', { method: 'POST', json: { name: 'Brick & Steel' } }), 201);
  const parsed = await json<ParseScriptResult>(await host.api('/scripts/parse', { method: 'POST', json: { text: SCRIPT, fileName: 'brick.fountain', projectId: project.id } }));
  expect(parsed.createdSceneIds).toHaveLength(4);
  expect(parsed.breakdownJobIds).toHaveLength(4);
  const jobs = await Promise.all(parsed.breakdownJobIds.map((id) => finished(host, id)));
  const board = await json<ProjectBoard>(await host.api(`/shots/projects/${project.id}`));
  const f = new FormData();
  f.append('projectId', project.id);
  f.append('type', 'Character');
  f.append('name', 'Steel');
  const png = await sharp({ create: { width: 320, height: 240, channels: 3, background: '#c84' } }).png().toBuffer();
  f.append('file', new Blob([new Uint8Array(png)], { type: 'image/png' }), 'steel.png');
  const steel = await json<Ingredient>(await host.api('/assets/upload', { method: 'POST', body: f }), 201);
  const shot = board.scenes[0]!.shots.find((s) => s.characters.includes('STEEL')) ?? board.scenes[0]!.shots[0]!;
  await json<ShotWithWarnings>(await host.api(`/shots/${shot.id}/slots/1`, { method: 'PUT', json: { ingredientId: steel.id } }));
  const payloadJob = await json<Job>(await host.api(`/shots/${shot.id}/generate-flow`, { method: 'POST' }), 202);
  const done = await finished(host, payloadJob.id);
  const after = (await json<ShotWithWarnings>(await host.api(`/shots/${shot.id}`))).shot;
  return { jobs, board, steel, shot: after, payloadJob: done };
}

describe('shots pipeline through the host', () => {
  it('offline: the heuristic breakdown and the template payload, each labelled', async () => {
    const host = await startHostProcess(tempHome('auteur-shots-flow-'), { OLLAMA_HOST: await closedPortUrl() });
    hosts.push(host);
    const { jobs, board, steel, shot, payloadJob } = await importAndSlot(host);
    for (const j of jobs) {
      expect(j.status, j.error ?? '').toBe('completed_with_problems');
      expect(j.error).toMatch(/offline breakdown/);
    }
    expect(board.scenes.map((s) => s.slugline)).toEqual(["EXT. BRICK'S PATIO - DAY", 'SNIPER SCOPE POV', 'INT. TRAILER HOME - DAY', 'EXT. DESERT - NIGHT']);
    for (const s of board.scenes) {
      expect(s.shots.length).toBeGreaterThan(0);
      expect(s.shots.every((x) => x.source === 'heuristic' && x.duration! > 0)).toBe(true);
    }
    expect(board.scenes[1]!.shots[0]!.shotType).toBe('POV');
    expect(payloadJob.status).toBe('completed_with_problems');
    expect(shot).toMatchObject({ status: 'ready', payloadSource: 'template', lastError: null });
    const payload = shot.veoPayload as { instances: [{ prompt: string; referenceImages: { image: { mediaId: string } }[] }]; parameters: Record<string, unknown> };
    expect(payload.instances[0].referenceImages[0]!.image.mediaId).toBe(steel.mediaId);
    expect(payload.instances[0].prompt).toContain('Steel (character, reference image 1)');
    expect(payload.parameters).toMatchObject({ durationSeconds: 8, aspectRatio: '16:9' });
  }, 240_000);

  it('with an LLM: the Script Supervisor breakdown and an LLM-written prompt', async () => {
    fake = await startFakeOllama({ models: ['llama3.2:latest'] });
    const shots = {
      shots: [
        { description: 'STEEL steps out with two cold beers.', duration: 5, shotType: 'MEDIUM', camera: 'static', characters: ['STEEL'] },
        { description: 'They drink in the sun.', duration: 4, shotType: 'TWO SHOT', camera: 'slow push in', characters: ['BRICK', 'STEEL'] },
      ],
    };
    fake.reply(shots, shots, shots, shots, { prompt: 'Medium shot: Steel, the man from reference image 1, steps onto a sunny patio with two cold beers.', negativePrompt: null });
    const host = await startHostProcess(tempHome('auteur-shots-flow-llm-'), { OLLAMA_HOST: fake.url });
    hosts.push(host);
    const { jobs, board, shot, payloadJob } = await importAndSlot(host);
    for (const j of jobs) expect(j.status, j.error ?? '').toBe('succeeded');
    for (const s of board.scenes) expect(s.shots.map((x) => [x.description, x.source])).toEqual(shots.shots.map((x) => [x.description, 'llm']));
    expect(payloadJob.status).toBe('succeeded');
    expect(shot).toMatchObject({ status: 'ready', payloadSource: 'llm' });
    expect((shot.veoPayload as { instances: [{ prompt: string }] }).instances[0].prompt).toMatch(/^Medium shot: Steel/);
    expect(shot.llmContextCache).toContain('Reference image 1 — Character "Steel"');
    const system = fake.calls('/api/chat').map((c) => c.body.messages[0].content as string);
    expect(system.filter((s) => s.startsWith('You are a Script Supervisor.'))).toHaveLength(4);
  }, 240_000);
});
