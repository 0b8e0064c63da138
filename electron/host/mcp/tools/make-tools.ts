import { readFileSync } from 'node:fs';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import type { ShaderGenerateOutput } from '../../../../shared/jobs/shader-generate.js';
import type { ShaderRenderOutput } from '../../../../shared/shaders/render-contract.js';
import { singlePass } from '../../../../shared/shaders/source.js';
import { waitForJob } from '../../jobs/wait-for-job.js';
import { shaderServices } from '../../shaders/services.js';
import { errorResult, jsonResult, registerTool } from '../tool-kit.js';
import { actorOf } from './actor.js';
import { jobSummary } from './job-tools.js';
import { formatDiagnostics } from './format.js';
import type { ToolDeps } from './tool-deps.js';

const RENDER_WAIT_MS = 120_000;
const GENERATE_WAIT_MS = 300_000;

/** render_shader and generate_shader: let an agent see what GLSL looks like, and make new ones. */
export function registerMakeTools(d: ToolDeps): void {
  registerTool(
    d.server,
    'render_shader',
    {
      title: 'Render shader',
      description:
        'Render GLSL (Shadertoy mainImage) in the studio\'s headless WebGL2 renderer and get PNG frames back at the iTimes you ask for, with the compile log mapped to your line numbers. Nothing is saved to the library. Use it to look at a shader before submitting it.',
    },
    d,
    async (args, env) => {
      const source = singlePass(args.glsl_code);
      const content: CallToolResult['content'] = [];
      const notes: string[] = [];
      for (const [i, t] of args.times.entries()) {
        const job = shaderServices(env.core).renders.submitAdHoc({ source, width: args.width, height: args.height, fps: 30, seconds: 0, thumbnailTime: t, preview: 'none', shaderId: null });
        const done = await waitForJob(env.core, job.id, {
          timeoutMs: RENDER_WAIT_MS,
          signal: env.signal,
          onProgress: (j) => void env.progress((i + j.progress) / args.times.length, `frame ${i + 1}/${args.times.length}: ${j.progressMessage ?? ''}`),
        });
        // A shader at fault fails the job with its output kept (the verdict): report its diagnostics below.
        if (done.status !== 'succeeded' && !done.result) return errorResult(`The renderer could not run (${done.status}): ${done.error ?? 'unknown error'}`);
        const out = done.result as ShaderRenderOutput;
        if (!out.ok) {
          const diag = formatDiagnostics(out.diagnostics);
          return errorResult(`${out.failure?.code ?? 'render_failed'}: ${out.failure?.message ?? 'the shader did not render'}${diag ? `\n${diag}` : ''}`);
        }
        const media = out.thumbnail?.mediaId ? env.core.media.get(out.thumbnail.mediaId) : undefined;
        if (!media) return errorResult('The render finished but its frame was not stored');
        content.push({ type: 'image', data: readFileSync(env.core.media.absolutePath(media)).toString('base64'), mimeType: 'image/png' });
        notes.push(`iTime ${t}s: ${out.validity.isStatic ? 'static' : 'animated'}, frame ${out.frameTimeMs ? `${out.frameTimeMs.mean.toFixed(1)} ms` : 'n/a'}, mean brightness ${out.stats?.meanBrightness.toFixed(2) ?? '?'}`);
        if (out.diagnostics.length) notes.push(formatDiagnostics(out.diagnostics));
      }
      content.push({ type: 'text', text: `Compiled and rendered ${args.width}x${args.height} with ${args.times.length} frame(s).\n${notes.join('\n')}` });
      return { content };
    },
  );

  registerTool(
    d.server,
    'generate_shader',
    {
      title: 'Generate shader',
      description:
        'Start an AI (or offline procedural) shader generation from a prompt and style sliders. Returns a job id at once; if you send a progressToken it waits, streams progress and returns the finished draft. Follow a returned job with get_job.',
    },
    d,
    async (args, env) => {
      const desires = shaderServices(env.core).desires;
      if (args.desire_id) desires.assertWorkable(args.desire_id);
      const { job } = env.core.jobs.submit({
        kind: 'shader.generate',
        input: { prompt: args.prompt, style: { chaos: args.chaos, colorTemperature: args.color_temperature, motion: args.motion }, provider: args.provider, ...(args.desire_id ? { desireId: args.desire_id } : {}) },
        userId: env.principal.userId,
        priority: 5,
      });
      // The draft becomes the desire's candidate; its poster accepts or rejects it (review_desire_candidate).
      if (args.desire_id) {
        desires.markInProgress(args.desire_id);
        desires.fulfiller.onGenerationStarted(args.desire_id, job.id);
      }
      if (!env.wantsProgress) return jsonResult({ ...jobSummary(job), message: 'Generation started; follow it with get_job.' });
      const done = await waitForJob(env.core, job.id, { timeoutMs: GENERATE_WAIT_MS, signal: env.signal, onProgress: (j) => void env.progress(j.progress, j.progressMessage ?? undefined) });
      // completed_with_problems still made a draft (e.g. the offline composer stood in for an LLM): return it with the problem.
      if (done.status !== 'succeeded' && done.status !== 'completed_with_problems') return errorResult(`Generation ${done.status}: ${done.error ?? 'unknown error'} (job ${done.id})`);
      const out = done.result as ShaderGenerateOutput;
      return jsonResult({ job_id: done.id, status: done.status, problems: done.status === 'completed_with_problems' ? done.error : null, shader_id: out.shaderId, title: out.title, provider: out.provider, model: out.model, attempts: out.attempts.length, glsl_code: out.source.image.code, resource_uri: out.shaderId ? `auteur://shaders/${out.shaderId}/source.glsl` : null });
    },
  );

  registerTool(
    d.server,
    'review_desire_candidate',
    {
      title: 'Review a desire candidate',
      description:
        "Accept or reject the shader the studio generated for a desire you posted (its fulfilment.candidate, seen in the post_desire result or get_job). Accept publishes it and fulfils the desire; reject puts the desire back on the board, or with retry generates another.",
    },
    d,
    async (args, env) => {
      const r = shaderServices(env.core).desires.reviewCandidate(args.desire_id, { verdict: args.verdict, retry: args.retry, ...(args.shader_id ? { shaderId: args.shader_id } : {}) }, actorOf(env.principal));
      const f = r.fulfilment;
      return jsonResult({
        desire_id: r.id,
        status: r.status,
        fulfilment_state: f?.state ?? null,
        fulfilled_by: r.fulfilledBy ? { shader_id: r.fulfilledBy.id, title: r.fulfilledBy.title } : null,
        generation_job_id: f?.state === 'generating' ? f.jobId : null,
        reason: f?.reason ?? null,
      });
    },
  );
}
