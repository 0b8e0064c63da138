/**
 * The contract of the video studio's per-scene visuals (VIDEO.md, V2b): one silent H.264 clip per
 * script scene, from the embedded shader composer or from ComfyUI, cached by its inputs.
 * `renderSceneVisual(req, env)` in ./index.ts takes a SceneVisualRequest and returns a SceneVisual.
 */
import type { WorkerProviderConfig } from '../../../shared/schemas/providers.js';
import type { VideoScene } from '../../../shared/video/script.js';

/**
 * The part of a VideoScript scene the visuals read (a full scene of shared/video/script.ts can be
 * passed as is; camera and actions may be absent for callers that have none).
 */
export type SceneVisualScene = Pick<VideoScene, 'id' | 'description' | 'durationSec'> & Partial<Pick<VideoScene, 'camera' | 'actions'>>;

/** 'auto': ComfyUI when configured and reachable, else the embedded composer (the reason is recorded). */
export type SceneVisualProviderChoice = 'auto' | 'embedded' | 'comfyui';

export interface SceneVisualRequest {
  scene: SceneVisualScene;
  /** Position of the scene in the script (0-based); scene 0 carries the title card. */
  index: number;
  /** The video's title, drawn over scene 0 (ignored for other scenes; empty = no card). */
  title?: string | undefined;
  /** A style preset or free words ("cinematic", "noir", "emerald and gold"): they steer palette and mood. */
  style?: string | undefined;
  width: number;
  height: number;
  fps: number;
  /** The clip's length (the assembler passes max(scene target, speech)). */
  durationSec: number;
  /**
   * Embedded only: draw the shader at this fraction of width×height (0.25–1, default 1) and
   * upscale to the requested size. Software GL cost is per pixel, so 0.5 makes a preview about
   * 4× cheaper to draw; the clip still has the requested size, rate and frame count.
   */
  renderScale?: number | undefined;
  provider: SceneVisualProviderChoice;
  /** <dataDir>/cache/video/visuals (clips are content-addressed there). */
  cacheDir: string;
}

export type SceneVisualProvider = 'embedded' | 'comfyui';

/** Why the composer drew what it drew (shown in the job log and kept with the scene). */
export interface ComposerChoice {
  family: string;
  /** Palette names and their hex colours, e.g. [{name:'emerald', hex:'#0f9d58'}, …]. */
  palette: { name: string; hex: string }[];
  motion: { kind: string; speed: number; words: string[] };
  matchedWords: string[];
}

export interface SceneVisual {
  /** The cached clip (inside cacheDir): H.264 MP4, no audio. Copy it if you need to own it. */
  clipPath: string;
  width: number;
  height: number;
  durationSec: number;
  frames: number;
  provider: SceneVisualProvider;
  /** 'procedural-shader/<version>' for the composer; the checkpoint (and workflow) for ComfyUI. */
  model: string;
  /** ComfyUI only: which shipped workflow made it (txt2img = keyframe + pan/zoom). */
  workflow?: 'txt2img' | 'txt2video' | undefined;
  cacheKey: string;
  cacheHit: boolean;
  /** Set when 'auto' fell back to the embedded composer: why the real provider was not used. */
  fallbackReason?: string | undefined;
  /** The composer's reasoning (embedded provider only). */
  composition?: ComposerChoice | undefined;
}

/** What renderSceneVisual needs from the job it runs in (a subset of TaskContext / ComposeEnv). */
export interface SceneVisualEnv {
  config: WorkerProviderConfig;
  dataDir: string;
  /** Scratch folder; frames are written below it and removed after encoding. */
  workDir: string;
  signal: AbortSignal;
  progress?(fraction: number, message?: string): void;
  log?(level: 'debug' | 'info' | 'warn' | 'error', message: string): void;
  /** Overrides for tests; default: the configured/bundled binaries. */
  ffmpegPath?: string | null;
  chromePath?: string | null;
}
