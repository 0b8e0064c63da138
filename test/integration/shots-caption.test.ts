import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Ingredient, Project } from '../../shared/schemas/shots.js';
import { startFakeOllama, type FakeOllama } from '../fixtures/fake-ollama.js';
import { startHostProcess, tempHome, waitFor, type HostProcess } from '../helpers/host-process.js';

let host: HostProcess;
let fake: FakeOllama;

beforeAll(async () => {
  fake = await startFakeOllama({ models: ['llava:latest'] });
  host = await startHostProcess(tempHome('auteur-shots-caption-'), { OLLAMA_HOST: fake.url });
}, 60_000);
afterAll(async () => {
  await host?.stop();
  await fake?.close();
});

describe('vision captions of ingredients', () => {
  it('captions an upload with the configured vision model, by a job, into metadata with provenance', async () => {
    fake.reply({ caption: 'A woman in a yellow raincoat under a street lamp', tags: ['yellow raincoat', 'night', 'rain'] });
    const p = (await (await host.api('/shots/projects', { method: 'POST', json: { name: 'Caption' } })).json()) as Project;
    const f = new FormData();
    f.append('projectId', p.id);
    f.append('type', 'Character');
    const webp = await sharp({ create: { width: 300, height: 200, channels: 3, background: '#ddcc22' } }).webp().toBuffer();
    f.append('file', new Blob([new Uint8Array(webp)]), 'mara.webp');
    const r = await host.api('/assets/upload', { method: 'POST', body: f });
    expect(r.status).toBe(201);
    const ing = (await r.json()) as Ingredient;
    expect(ing.metadata.vision).toMatchObject({ status: 'pending' });
    expect(ing.metadata.vision.reason).toMatch(/ollama \(llava:latest\)/);
    expect(ing.metadata.caption).toBeUndefined();

    const done = await waitFor(async () => {
      const x = (await (await host.api(`/shots/ingredients/${ing.id}`)).json()) as Ingredient;
      return x.metadata.vision.status === 'pending' ? null : x;
    }, 'the caption job', 60_000, 250);
    expect(done.metadata.vision).toMatchObject({ status: 'done', jobId: ing.metadata.vision.jobId });
    expect(done.metadata.caption).toBe('A woman in a yellow raincoat under a street lamp');
    expect(done.metadata.tags).toEqual(['yellow raincoat', 'night', 'rain']);
    expect(done.metadata.captionedBy).toEqual({ provider: 'ollama', model: 'llava:latest' });
    // The model saw the image (re-encoded as PNG) and was told to describe only what is visible.
    const chat = fake.calls('/api/chat')[0]!.body as { messages: { content: string; images?: string[] }[] };
    const image = chat.messages.find((m) => m.images?.length)!.images![0]!;
    expect((await sharp(Buffer.from(image, 'base64')).metadata()).format).toBe('png');
    expect(JSON.stringify(chat.messages)).toMatch(/only what is visible/);
    // Search reads the caption and tags.
    const found = (await (await host.api(`/shots/projects/${p.id}/ingredients?q=raincoat`)).json()) as { ingredients: Ingredient[] };
    expect(found.ingredients.map((i) => i.id)).toEqual([ing.id]);
  });
});
