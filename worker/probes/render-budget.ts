import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ShaderRenderInput } from '../../shared/shaders/render-contract.js';
import { RenderBrowser } from '../render/browser.js';
import { chooseTier, planEstimateMs, tiersFor, type ShaderCost } from '../render/render-tiers.js';
import { DEFAULT_RENDER_BUDGET, renderShader } from '../render/shader-renderer.js';
import { resolveChromium } from '../tools/binaries.js';
import type { Probe, ProbeOutcome } from './probe.js';

/** A typical feed shader (raymarched sphere, a few octaves of noise): heavier than a gradient, lighter than a showcase. */
const TYPICAL = `float h(vec2 p){return fract(sin(dot(p,vec2(127.1,311.7)))*43758.5453);}
float n(vec2 p){vec2 i=floor(p),f=fract(p);f=f*f*(3.-2.*f);return mix(mix(h(i),h(i+vec2(1,0)),f.x),mix(h(i+vec2(0,1)),h(i+1.),f.x),f.y);}
float fbm(vec2 p){float v=0.,a=.5;for(int i=0;i<4;i++){v+=a*n(p);p*=2.;a*=.5;}return v;}
float map(vec3 p){return length(p)-1.+.15*fbm(p.xy*3.+iTime);}
void mainImage(out vec4 fragColor, in vec2 fragCoord){
  vec2 uv=(fragCoord-.5*iResolution.xy)/iResolution.y;
  vec3 ro=vec3(0,0,-3),rd=normalize(vec3(uv,1.5));float t=0.;
  for(int i=0;i<48;i++){float d=map(ro+rd*t);if(d<.001||t>8.)break;t+=d;}
  vec3 col=t<8.?vec3(.5+.5*cos(t*2.+vec3(0,2,4))):vec3(fbm(uv*4.)*.3);
  fragColor=vec4(col,1.);
}`;

export interface RenderBudgetFacts {
  /** ms of one real frame of the typical shader at the default size (640×360). */
  frameMs: number;
  /** The reference draw's ms per frame at the calibration size, measured in the same browser. */
  referenceMs: number | null;
  /** Projected ms of a default render (all frames at full quality) and the budget it must fit. */
  projectedMs: number;
  budgetMs: number;
  /** The tier a default render would use now (null: none fits). */
  tier: string | null;
}

const s = (ms: number) => `${(ms / 1000).toFixed(ms < 10_000 ? 1 : 0)} s`;

/**
 * Renders a real frame of a typical shader in the headless renderer (its own browser, closed
 * afterwards) and projects a default render (120 frames at 640×360) against the render budget,
 * with the renderer's own tier planning: will renders finish in time on this machine, now?
 */
export async function measureRenderBudget(opts: { env: NodeJS.ProcessEnv; signal: AbortSignal; runDir?: string | null }): Promise<ProbeOutcome & { facts: RenderBudgetFacts | null }> {
  const loc = await resolveChromium(opts.env);
  if (!loc.path) return { status: 'missing', detail: `No Chromium, so no renders. ${loc.hint}`, source: loc.source, facts: null };
  const workDir = mkdtempSync(join(tmpdir(), 'auteur-render-check-'));
  const browser = new RenderBrowser({ chromePath: loc.path, runDir: opts.runDir ?? null });
  try {
    const asked = ShaderRenderInput.parse({ source: { image: { code: TYPICAL } } });
    // One frame at the default size (a still), measured after the renderer's own calibration.
    const out = await renderShader({ ...asked, seconds: 0, preview: 'none' }, { workDir, browser, signal: opts.signal, degrade: false });
    if (!out.ok || !out.frameTimeMs) {
      return { status: 'error', detail: `The renderer could not render a frame of a simple shader: ${out.failure?.message ?? 'no frame time'}`, source: loc.source, facts: null };
    }
    const cost: ShaderCost = { frameMs: out.frameTimeMs.mean, readMs: 0, referenceMs: out.tier?.referenceMs ?? out.frameTimeMs.mean, width: asked.width, height: asked.height };
    const tiers = tiersFor(asked);
    const budgetMs = DEFAULT_RENDER_BUDGET.totalMs;
    const projectedMs = planEstimateMs(tiers[0]!, cost, false);
    const tier = chooseTier(tiers, cost, budgetMs, false);
    const facts: RenderBudgetFacts = { frameMs: out.frameTimeMs.mean, referenceMs: out.tier?.referenceMs ?? null, projectedMs, budgetMs, tier: tier?.name ?? null };
    const frame = `a frame of a typical shader takes ${out.frameTimeMs.mean.toFixed(0)} ms at ${asked.width}×${asked.height} (${out.renderer.gl ?? 'WebGL'}${facts.referenceMs !== null ? `; reference draw ${facts.referenceMs.toFixed(2)} ms` : ''})`;
    const full = `a full preview (${Math.round(asked.seconds * asked.fps)} frames) would take about ${s(projectedMs)} of the ${s(budgetMs)} budget`;
    if (tier?.level === 0) return { status: 'ok', detail: `Renders finish in time on this machine: ${frame}; ${full}.`, version: out.renderer.gl, source: loc.source, facts };
    if (tier) {
      return { status: 'warn', detail: `Renders finish in time only at a lower tier (${tier.name}: ${tier.width}×${tier.height}, ${tier.fps} fps, ${tier.seconds} s): ${frame}; ${full}.`, version: out.renderer.gl, source: loc.source, facts };
    }
    return { status: 'error', detail: `Renders will not finish in time on this machine now, even at the lowest tier: ${frame}; ${full}. Close other work or use a machine with a GPU.`, version: out.renderer.gl, source: loc.source, facts };
  } finally {
    await browser.close().catch(() => undefined);
    rmSync(workDir, { recursive: true, force: true });
  }
}

export const renderBudgetProbe: Probe = {
  id: 'render-budget',
  label: 'Render budget (a real frame)',
  async run(ctx) {
    const { facts: _facts, ...outcome } = await measureRenderBudget({ env: ctx.env, signal: ctx.signal, runDir: join(ctx.dataDir, 'run') });
    return outcome;
  },
};
