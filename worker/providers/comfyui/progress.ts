import type { ApiWorkflow } from './api-types.js';

/**
 * Samplers are where the time goes; loaders and encoders are quick (or cached). Weighting nodes
 * keeps the bar from racing to 80 % on the cheap nodes and then sitting still for the sampler.
 */
const WEIGHTS: Record<string, number> = {
  KSampler: 20,
  KSamplerAdvanced: 20,
  SamplerCustom: 20,
  SamplerCustomAdvanced: 20,
  VAEDecode: 3,
  VAEDecodeTiled: 3,
  VAEEncode: 2,
  CheckpointLoaderSimple: 2,
  UNETLoader: 2,
  CLIPLoader: 2,
};

/**
 * Maps ComfyUI's per-node events (execution_cached, executing, progress value/max) to one
 * fraction 0..1 for the whole prompt. It never goes backwards: reconnects replay `executing`.
 */
export class PromptProgress {
  private readonly weights = new Map<string, number>();
  private readonly total: number;
  private readonly done = new Set<string>();
  private current: string | null = null;
  private currentFraction = 0;
  private last = 0;

  constructor(workflow: ApiWorkflow) {
    for (const [id, node] of Object.entries(workflow)) this.weights.set(id, WEIGHTS[node.class_type] ?? 1);
    this.total = [...this.weights.values()].reduce((a, b) => a + b, 0) || 1;
  }

  /** Nodes whose outputs ComfyUI reused from an earlier run. */
  cached(nodes: string[]): number {
    for (const n of nodes) this.done.add(n);
    return this.value();
  }

  /** A node started; the previous one is finished. */
  executing(node: string): number {
    if (this.current && this.current !== node) this.done.add(this.current);
    if (this.current !== node) this.currentFraction = 0;
    this.current = node;
    return this.value();
  }

  /** Step progress inside a node (sampler steps, decode tiles). */
  step(value: number, max: number, node?: string): number {
    if (node && node !== this.current) this.executing(node);
    if (max > 0) this.currentFraction = Math.min(1, Math.max(0, value / max));
    return this.value();
  }

  executed(node: string): number {
    this.done.add(node);
    if (this.current === node) this.currentFraction = 0;
    return this.value();
  }

  /** Everything ran: 1. */
  finish(): number {
    this.last = 1;
    return 1;
  }

  value(): number {
    let sum = 0;
    for (const n of this.done) sum += this.weights.get(n) ?? 0;
    if (this.current && !this.done.has(this.current)) sum += (this.weights.get(this.current) ?? 1) * this.currentFraction;
    // Stay below 1 until ComfyUI says the prompt finished: downloads still follow.
    const v = Math.min(0.99, sum / this.total);
    this.last = Math.max(this.last, v);
    return this.last;
  }

  currentNode(): string | null {
    return this.current;
  }
}
