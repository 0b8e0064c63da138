import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { comboOptions, type ApiWorkflow, type FileRef } from '../../providers/comfyui/api-types.js';
import { ComfyClient } from '../../providers/comfyui/client.js';
import { WorldProviderError, type GeneratedMesh, type MeshProvider, type WorldCapability } from './types.js';

/**
 * Image-to-3D through ComfyUI's core Hunyuan3D-2 nodes (comfy_extras/nodes_hunyuan3d.py): the
 * reference image is uploaded, the API-format workflow queued, /history polled until SaveGLB has
 * written its file, which is fetched from /view. The server must have the nodes and a Hunyuan3D
 * checkpoint; otherwise the healthcheck says which are missing.
 */

export const HUNYUAN3D_NODES = ['ImageOnlyCheckpointLoader', 'LoadImage', 'CLIPVisionEncode', 'Hunyuan3Dv2Conditioning', 'EmptyLatentHunyuan3Dv2', 'ModelSamplingAuraFlow', 'KSampler', 'VAEDecodeHunyuan3D', 'VoxelToMeshBasic', 'SaveGLB'] as const;

export function hunyuan3dWorkflow(image: string, checkpoint: string, seed: number): ApiWorkflow {
  return {
    '1': { class_type: 'ImageOnlyCheckpointLoader', inputs: { ckpt_name: checkpoint } },
    '2': { class_type: 'LoadImage', inputs: { image } },
    '3': { class_type: 'CLIPVisionEncode', inputs: { clip_vision: ['1', 1], image: ['2', 0], crop: 'none' } },
    '4': { class_type: 'Hunyuan3Dv2Conditioning', inputs: { clip_vision_output: ['3', 0] } },
    '5': { class_type: 'EmptyLatentHunyuan3Dv2', inputs: { resolution: 3072, batch_size: 1 } },
    '6': { class_type: 'ModelSamplingAuraFlow', inputs: { model: ['1', 0], shift: 1 } },
    '7': { class_type: 'KSampler', inputs: { model: ['6', 0], positive: ['4', 0], negative: ['4', 1], latent_image: ['5', 0], seed, steps: 30, cfg: 5, sampler_name: 'euler', scheduler: 'normal', denoise: 1 } },
    '8': { class_type: 'VAEDecodeHunyuan3D', inputs: { samples: ['7', 0], vae: ['1', 2], num_chunks: 8000, octree_resolution: 256 } },
    '9': { class_type: 'VoxelToMeshBasic', inputs: { voxel: ['8', 0], threshold: 0.6 } },
    '10': { class_type: 'SaveGLB', inputs: { mesh: ['9', 0], filename_prefix: 'auteur/world' } },
  };
}

export class ComfyImageTo3D implements MeshProvider {
  readonly id = 'comfyui';
  readonly capabilities: ReadonlySet<WorldCapability> = new Set(['image_to_3d']);
  private readonly client: ComfyClient;
  private checkpoint: string | null = null;

  constructor(url: string, private readonly opts: { pollMs?: number; timeoutMs?: number } = {}) {
    this.client = new ComfyClient(url);
  }

  async healthcheck(signal?: AbortSignal): Promise<void> {
    let info;
    try {
      info = await this.client.objectInfo(signal, 5000);
    } catch (err) {
      if (signal?.aborted) throw err;
      throw new WorldProviderError('comfyui', `ComfyUI at ${this.client.url} is not reachable: ${(err as Error).message}`, true);
    }
    const missing = HUNYUAN3D_NODES.filter((n) => !info[n]);
    if (missing.length) throw new WorldProviderError('comfyui', `ComfyUI at ${this.client.url} lacks the Hunyuan3D-2 nodes ${missing.join(', ')} (update ComfyUI)`, false);
    const ckpts = comboOptions(info.ImageOnlyCheckpointLoader, 'ckpt_name') ?? [];
    const ckpt = ckpts.find((c) => /hunyuan3d/i.test(c));
    if (!ckpt) throw new WorldProviderError('comfyui', `ComfyUI at ${this.client.url} has no Hunyuan3D checkpoint in models/checkpoints (found: ${ckpts.join(', ') || 'none'})`, false);
    this.checkpoint = ckpt;
  }

  async imageToMesh(args: { images: Array<{ mime: string; data: Uint8Array }>; seed?: number; signal?: AbortSignal; onProgress?: (fraction: number, message: string) => void }): Promise<GeneratedMesh> {
    const progress = args.onProgress ?? (() => {});
    if (!this.checkpoint) await this.healthcheck(args.signal);
    const first = args.images[0];
    if (!first) throw new WorldProviderError('comfyui', 'image-to-3D needs a reference image', false);
    const ext = first.mime === 'image/jpeg' ? 'jpg' : 'png';
    const uploaded = await this.client.uploadImage(Buffer.from(first.data), `auteur-world-${randomUUID()}.${ext}`, args.signal, { overwrite: true });
    const image = uploaded.subfolder ? `${uploaded.subfolder}/${uploaded.name}` : uploaded.name;
    const { prompt_id: id } = await this.client.submit(hunyuan3dWorkflow(image, this.checkpoint!, args.seed ?? 0), randomUUID(), args.signal);
    progress(0.1, `ComfyUI prompt ${id} queued (Hunyuan3D-2)`);
    const deadline = Date.now() + (this.opts.timeoutMs ?? 15 * 60_000);
    let glbRef: FileRef | null = null;
    for (let polls = 0; !glbRef; polls++) {
      const h = await this.client.history(id, args.signal);
      if (h?.status?.status_str === 'error') {
        const err = h.status.messages?.find(([t]) => t === 'execution_error')?.[1] as { exception_message?: string; node_type?: string } | undefined;
        throw new WorldProviderError('comfyui', `ComfyUI prompt ${id} failed${err?.node_type ? ` in ${err.node_type}` : ''}: ${err?.exception_message ?? 'no message'}`, true);
      }
      if (h?.outputs) {
        const files = Object.values(h.outputs).flatMap((o) => Object.values(o).flat()) as FileRef[];
        glbRef = files.find((f) => typeof f?.filename === 'string' && f.filename.toLowerCase().endsWith('.glb')) ?? null;
        if (!glbRef && h.status?.completed) throw new WorldProviderError('comfyui', `ComfyUI prompt ${id} finished without a GLB output`, false);
      }
      if (glbRef) break;
      if (Date.now() > deadline) throw new WorldProviderError('comfyui', `ComfyUI prompt ${id} did not finish in time`, true);
      progress(Math.min(0.9, 0.1 + polls * 0.02), `ComfyUI prompt ${id} running`);
      await new Promise((r) => setTimeout(r, this.opts.pollMs ?? 2000));
    }
    const dir = mkdtempSync(join(tmpdir(), 'auteur-comfy3d-'));
    try {
      const dest = join(dir, 'mesh.glb');
      await this.client.download(glbRef, dest, args.signal);
      progress(1, 'ComfyUI GLB downloaded');
      return { glb: new Uint8Array(readFileSync(dest)), model: `comfyui:hunyuan3d:${this.checkpoint}`, version: null, tasks: [id] };
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }
}
