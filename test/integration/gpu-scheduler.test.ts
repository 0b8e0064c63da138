import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ImageGenerateInput } from '../../shared/jobs/image-generate.js';
import { WorkerProviderConfig } from '../../shared/schemas/providers.js';
import { prepareGpuFor, sameMachine } from '../../worker/providers/gpu-scheduler.js';
import type { TaskContext } from '../../worker/task-context.js';
import { imageGenerateTask } from '../../worker/tasks/image-generate.js';
import { startFakeComfy } from '../fixtures/fake-comfyui.js';
import { closedPortUrl } from '../fixtures/fake-http.js';
import { startFakeOllama } from '../fixtures/fake-ollama.js';

const dataDir = mkdtempSync(join(tmpdir(), 'auteur-gpu-'));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

const config = (comfy: string, ollama: string) => WorkerProviderConfig.parse({ comfyui: { url: comfy }, ollama: { url: ollama } });
const signal = () => new AbortController().signal;

describe('GPU scheduling between ComfyUI and Ollama', () => {
  it('before ComfyUI: every model Ollama has loaded gets keep_alive 0', async () => {
    const ollama = await startFakeOllama({ models: ['llama3.2:3b', 'qwen2.5:7b'], loaded: ['llama3.2:3b', 'qwen2.5:7b'] });
    const lines: string[] = [];
    try {
      const res = await prepareGpuFor('comfyui', config('http://127.0.0.1:1', ollama.url), signal(), (l, m) => lines.push(`${l} ${m}`));
      expect(ollama.calls('/api/ps')).toHaveLength(1);
      expect(ollama.unloads.map((u) => u.model).sort()).toEqual(['llama3.2:3b', 'qwen2.5:7b']);
      expect(ollama.calls('/api/generate').every((r) => r.body.keep_alive === 0)).toBe(true);
      expect(res.actions[0]).toMatch(/unload llama3.2:3b, qwen2.5:7b \(keep_alive 0\) before ComfyUI/);
      expect(lines.some((l) => l.startsWith('info GPU:'))).toBe(true);
    } finally {
      await ollama.close();
    }
  });

  it('before an LLM: ComfyUI gets POST /free {unload_models, free_memory}', async () => {
    const comfy = await startFakeComfy();
    try {
      const res = await prepareGpuFor('ollama', config(comfy.url, 'http://localhost:11434'), signal());
      expect(comfy.frees).toEqual([{ unload_models: true, free_memory: true }]);
      expect(res.actions[0]).toMatch(/POST \/free/);
    } finally {
      await comfy.close();
    }
  });

  it('is best effort: nothing listening is logged, not thrown, and quick', async () => {
    const url = await closedPortUrl();
    const t0 = Date.now();
    const lines: string[] = [];
    const a = await prepareGpuFor('comfyui', config(url, url), signal(), (l, m) => lines.push(`${l} ${m}`));
    const b = await prepareGpuFor('ollama', config(url, url), signal(), (l, m) => lines.push(`${l} ${m}`));
    expect(a.actions).toEqual([]);
    expect(b.actions).toEqual([]);
    expect(Date.now() - t0).toBeLessThan(3000);
    expect(lines.filter((l) => l.startsWith('debug GPU: could not'))).toHaveLength(2);
  });

  it('services on different hosts are left alone', async () => {
    expect(sameMachine('http://127.0.0.1:8188', 'http://localhost:11434')).toBe(true);
    expect(sameMachine('http://[::1]:8188', '127.0.0.1:11434')).toBe(true);
    expect(sameMachine('http://gpu-box:8188', 'http://gpu-box:11434')).toBe(true);
    expect(sameMachine('http://192.168.1.5:8188', 'http://127.0.0.1:11434')).toBe(false);
    const comfy = await startFakeComfy();
    try {
      await prepareGpuFor('ollama', config(comfy.url, 'http://10.0.0.9:11434'), signal());
      expect(comfy.frees).toEqual([]);
    } finally {
      await comfy.close();
    }
  });

  it('an image.generate job unloads Ollama before it queues its workflow', async () => {
    const ollama = await startFakeOllama({ models: ['llama3.2:3b'], loaded: ['llama3.2:3b'] });
    const comfy = await startFakeComfy();
    try {
      const workDir = join(dataDir, 'media', 'incoming', 'gpu-job-1');
      mkdirSync(workDir, { recursive: true });
      const logs: string[] = [];
      const ctx: TaskContext = {
        jobId: 'gpu-job',
        attempt: 1,
        dataDir,
        workDir,
        providers: config(comfy.url, ollama.url),
        signal: signal(),
        progress: () => {},
        log: (l, m) => logs.push(`${l} ${m}`),
      };
      await imageGenerateTask(ImageGenerateInput.parse({ prompt: 'x', provider: 'comfyui', seed: 1 }), ctx);
      expect(ollama.unloads.map((u) => u.model)).toEqual(['llama3.2:3b']);
      const unloadLog = logs.findIndex((l) => l.includes('unload llama3.2:3b'));
      const queuedLog = logs.findIndex((l) => l.includes('queued prompt'));
      expect(unloadLog).toBeGreaterThanOrEqual(0);
      expect(unloadLog).toBeLessThan(queuedLog);
    } finally {
      await comfy.close();
      await ollama.close();
    }
  });
});
