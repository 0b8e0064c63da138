/**
 * Seed §7 capability interfaces for the world pipeline: swap mesh and image models without
 * touching the engine. Adapters normalise provider outputs (GLB bytes, PNG bytes) and name the
 * model and version they used, for the asset's provider trace.
 */

export type WorldCapability = 'structured_json' | 'image_generate' | 'image_edit' | 'text_to_3d' | 'image_to_3d';

export interface WorldProviderBase {
  /** "meshy", "google-gemini", … (the provider trace's provider). */
  readonly id: string;
  readonly capabilities: ReadonlySet<WorldCapability>;
  /** Throws a clear error when the provider cannot be used (no key, unreachable). */
  healthcheck(signal?: AbortSignal): Promise<void>;
}

export interface GeneratedImage {
  mime: string;
  data: Uint8Array;
  model: string;
}

export interface ImageProvider extends WorldProviderBase {
  generateImage(args: { prompt: string; negativePrompt?: string; aspectRatio?: string; seed?: number; signal?: AbortSignal }): Promise<GeneratedImage>;
}

export interface GeneratedMesh {
  glb: Uint8Array;
  model: string;
  version: string | null;
  /** Provider task ids (preview, refine…), for the trace and debugging. */
  tasks: string[];
}

export interface MeshProvider extends WorldProviderBase {
  textToMesh?(args: { prompt: string; negativePrompt?: string; seed?: number; signal?: AbortSignal; onProgress?: (fraction: number, message: string) => void }): Promise<GeneratedMesh>;
  imageToMesh?(args: { images: Array<{ mime: string; data: Uint8Array }>; signal?: AbortSignal; onProgress?: (fraction: number, message: string) => void }): Promise<GeneratedMesh>;
}

/** A provider call that failed; `retryable` false when the same request would fail again (auth, refused prompt). */
export class WorldProviderError extends Error {
  constructor(
    readonly provider: string,
    message: string,
    readonly retryable: boolean,
  ) {
    super(message);
    this.name = 'WorldProviderError';
  }
}
