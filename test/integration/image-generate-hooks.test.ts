import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ImageGenerateInput, ImageGenerateOutput } from '../../shared/jobs/image-generate.js';
import { WorkerProviderConfig } from '../../shared/schemas/providers.js';
import { imageGenerateTask } from '../../worker/tasks/image-generate.js';
import { resolveDataDir } from '../../electron/host/data-dir.js';
import { openDatabase } from '../../electron/host/db/connection.js';
import { JobHookRegistry } from '../../electron/host/jobs/job-hooks.js';
import type { JobRow } from '../../electron/host/jobs/job-row.js';
import { registerImageHooks } from '../../electron/host/media/image-hooks.js';
import { MediaStore } from '../../electron/host/media/media-store.js';
import { startFakeComfy } from '../fixtures/fake-comfyui.js';
import { closedPortUrl } from '../fixtures/fake-http.js';

const home = mkdtempSync(join(tmpdir(), 'auteur-image-hooks-'));
const dataDir = resolveDataDir(home);
mkdirSync(dataDir.mediaDir, { recursive: true });
const database = openDatabase(dataDir.dbPath);
const media = new MediaStore(database.db, dataDir.mediaDir);
const hooks = new JobHookRegistry();
registerImageHooks({ hooks, media, dataDir });
afterAll(() => {
  database.close();
  rmSync(home, { recursive: true, force: true });
});

describe('image.generate host hook', () => {
  it('ingests ComfyUI outputs with provenance (provider, checkpoint, job) and returns media ids', async () => {
    const comfy = await startFakeComfy();
    try {
      const input = ImageGenerateInput.parse({ prompt: 'a red kite', provider: 'comfyui', seed: 7 });
      const jobId = 'job-hook-1';
      const workDir = join(dataDir.mediaDir, 'incoming', `${jobId}-1`);
      mkdirSync(workDir, { recursive: true });
      const out = await imageGenerateTask(input, {
        jobId,
        attempt: 1,
        dataDir: dataDir.root,
        workDir,
        providers: WorkerProviderConfig.parse({ comfyui: { url: comfy.url }, ollama: { url: await closedPortUrl() } }),
        signal: new AbortController().signal,
        progress: () => {},
        log: () => {},
      });
      const job = { id: jobId, kind: 'image.generate', input } as unknown as JobRow;
      const replaced = ImageGenerateOutput.parse(await hooks.get('image.generate')!.onSucceeded!(job, out));
      const file = replaced.files[0]!;
      expect(file.path).toBeUndefined();
      expect(file.mediaId).toBeTruthy();
      const row = media.get(file.mediaId!)!;
      expect(row).toMatchObject({ provider: 'comfyui', model: 'sd_xl_turbo_1.0_fp16.safetensors', jobId, mime: 'image/png' });
      expect(row.meta).toMatchObject({ workflow: 'txt2img', seed: 7, prompt: 'a red kite', promptId: out.promptId });
    } finally {
      await comfy.close();
    }
  });

  it('refuses a path outside the attempt scratch folders', async () => {
    const stray = join(home, 'stray.png');
    writeFileSync(stray, 'x');
    const result = { files: [{ path: stray, mime: 'image/png' }], provider: 'comfyui', model: 'm', seed: 1, workflow: 'txt2img' };
    await expect(hooks.get('image.generate')!.onSucceeded!({ id: 'j', input: {} } as unknown as JobRow, result)).rejects.toThrow(/outside its scratch folder/);
  });
});
