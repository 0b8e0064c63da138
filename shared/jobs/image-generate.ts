import { z } from 'zod';
import { defineJobKind } from './define.js';

export const ImageWorkflow = z.enum(['txt2img', 'img2img', 'txt2video']);
export type ImageWorkflow = z.infer<typeof ImageWorkflow>;

export const ImageProviderChoice = z.enum(['auto', 'comfyui', 'procedural']);

export const ImageGenerateInput = z
  .object({
    prompt: z.string().trim().min(1, 'describe the image').max(4000),
    negative: z.string().max(4000).optional().describe('What to avoid (negative prompt)'),
    width: z.number().int().min(64).max(4096).default(512),
    height: z.number().int().min(64).max(4096).default(512),
    steps: z.number().int().min(1).max(150).optional().describe("Sampler steps; the workflow's default when omitted"),
    cfg: z.number().min(0).max(30).optional(),
    seed: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER).optional().describe('Random when omitted; the output records the one used'),
    workflow: ImageWorkflow.default('txt2img'),
    inputImageMediaId: z.string().min(1).optional().describe('Media id of the source image (img2img)'),
    denoise: z.number().min(0).max(1).optional().describe('img2img strength: 0 keeps the input, 1 ignores it'),
    frames: z.number().int().min(1).max(241).optional().describe('txt2video length in frames'),
    fps: z.number().int().min(1).max(60).optional().describe('txt2video frame rate'),
    model: z.string().min(1).max(300).optional().describe("Checkpoint / diffusion model file name in ComfyUI; the workflow's default when omitted"),
    provider: ImageProviderChoice.default('auto').describe('auto: ComfyUI when reachable, else shader-rendered frames'),
  })
  .refine((i) => i.workflow !== 'img2img' || !!i.inputImageMediaId, { message: 'img2img needs inputImageMediaId', path: ['inputImageMediaId'] });
export type ImageGenerateInput = z.infer<typeof ImageGenerateInput>;

export const GeneratedFile = z.object({
  /** Scratch path from the worker; the host hook replaces it with mediaId. */
  path: z.string().optional(),
  mediaId: z.string().optional(),
  mime: z.string(),
  width: z.number().int().optional(),
  height: z.number().int().optional(),
  frames: z.number().int().optional(),
});
export type GeneratedFile = z.infer<typeof GeneratedFile>;

export const ImageGenerateOutput = z.object({
  files: z.array(GeneratedFile).min(1),
  provider: z.enum(['comfyui', 'procedural']),
  /** Checkpoint / diffusion model file (ComfyUI) or the composer that made it (procedural). */
  model: z.string(),
  seed: z.number().int(),
  workflow: ImageWorkflow,
  promptId: z.string().optional().describe('ComfyUI prompt id'),
});
export type ImageGenerateOutput = z.infer<typeof ImageGenerateOutput>;

export const imageGenerate = defineJobKind({
  kind: 'image.generate',
  title: 'Generate an image or clip',
  description: 'Runs a shipped ComfyUI workflow (text→image, image→image, text→video) after checking its nodes and models; offline, renders a shader still instead.',
  resource: 'gpu',
  input: ImageGenerateInput,
  output: ImageGenerateOutput,
  // Failures are mostly deterministic (missing model, bad node): retrying would only burn GPU time.
  maxAttempts: 1,
  // Video on a small GPU takes many minutes; the client has its own 30 min prompt timeout.
  timeoutMs: 35 * 60_000,
});
