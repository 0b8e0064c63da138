import type { DeclaredStyle, Shader } from '../../../../shared/schemas/shaders.js';
import type { CompileDiagnostic } from '../../../../shared/shaders/source.js';
import { AppError } from '../../errors.js';
import { waitForJob } from '../../jobs/wait-for-job.js';
import { shaderServices } from '../../shaders/services.js';
import { assertSubmissionAllowed, McpPermissionError, needsReview, tierOf } from '../principal.js';
import { errorResult, jsonResult, registerTool } from '../tool-kit.js';
import { actorOf } from './actor.js';
import { formatDiagnostics, shaderBrief } from './format.js';
import type { ToolDeps } from './tool-deps.js';

const RENDER_WAIT_MS = 150_000;

function declaredStyle(s: { chaos_level?: number; color_temperature?: 'warm' | 'cool' | 'neutral' | 'monochrome'; motion_type?: string } | undefined): DeclaredStyle | undefined {
  if (!s) return undefined;
  const out: DeclaredStyle = {};
  if (s.chaos_level !== undefined) out.chaos = s.chaos_level;
  if (s.color_temperature) out.temperatureLabel = s.color_temperature;
  if (s.motion_type) out.motionType = s.motion_type;
  return Object.keys(out).length ? out : undefined;
}

/**
 * Votes and tags shape the feed and the style index: a draft whose render has not passed is
 * nothing anyone has seen, so an agent may not vote on or tag it yet.
 */
function assertRendered(shader: Shader, action: string): void {
  if (shader.status !== 'draft' || shader.renderStatus === 'ready') return;
  const why = shader.renderStatus === 'failed' ? `its render failed${shader.renderError ? ` (${shader.renderError})` : ''}` : `it is still ${shader.renderStatus === 'pending' ? 'waiting to render' : 'rendering'}`;
  throw new AppError(409, 'not_rendered', `Cannot ${action} shader ${shader.id}: it is an unrendered draft (${why}). Only shaders with a passing render can be ${action === 'vote on' ? 'voted on' : 'tagged'}.`);
}

/** Seed §12 tools that make and change shaders: submit, tag, vote. */
export function registerShaderTools(d: ToolDeps): void {
  const svc = () => shaderServices(d.core);

  registerTool(
    d.server,
    'submit_shader',
    {
      title: 'Submit shader',
      description:
        'Submit a GLSL fragment shader (Shadertoy mainImage). It is linted and rendered; when it passes it is published to the feed — or, for probation API keys, queued for the owner\'s review. Compile errors come back with your own line numbers.',
    },
    d,
    async (args, env) => {
      assertSubmissionAllowed(env.principal, env.core.apiKeys);
      if (args.fulfills_desire_id && needsReview(env.principal)) {
        throw new McpPermissionError('Answering a desire needs a trusted API key (probation submissions wait for review first). Submit without fulfills_desire_id; the owner can link it when approving.');
      }
      const s = svc();
      const actor = actorOf(env.principal);
      let created: Shader;
      try {
        created = s.shaders.create(
          {
            title: args.title,
            description: args.description ?? null,
            tags: args.tags,
            shaderType: args.shader_type,
            glslCode: args.glsl_code,
            style: declaredStyle(args.style_metadata),
            fulfillsDesireId: args.fulfills_desire_id,
          },
          { actor, origin: 'mcp', status: 'draft', submittedByApiKey: env.principal.kind === 'api-key' ? env.principal.key.id : null, renderPriority: 5 },
        );
      } catch (err) {
        // Refused by the static checks: nothing was saved, so there is no draft id — but there are line numbers.
        const diagnostics = err instanceof AppError && err.code === 'compile_failed' ? ((err.details as { diagnostics?: CompileDiagnostic[] } | undefined)?.diagnostics ?? []) : null;
        if (!diagnostics) throw err;
        const diag = formatDiagnostics(diagnostics);
        return errorResult(`${(err as Error).message}; nothing was saved.${diag ? `\n${diag}` : ''}`, { status: 'refused', draft_id: null, diagnostics });
      }
      await env.progress(0.1, 'Linted; rendering…');
      const jobId = created.lastRenderJobId;
      if (!jobId) {
        return errorResult(`Shader ${created.id} was saved as a draft but no render could be queued: ${created.renderError ?? 'unknown reason'}`, { status: 'failed', draft_id: created.id, job_id: null });
      }
      let jobError: string | null = null;
      try {
        jobError = (await waitForJob(env.core, jobId, { timeoutMs: RENDER_WAIT_MS, signal: env.signal, onProgress: (j) => void env.progress(0.1 + j.progress * 0.8, j.progressMessage ?? undefined) })).error;
      } catch (err) {
        return errorResult(`${(err as Error).message}. The shader is kept as draft ${created.id}; it is published only after its render passes.`, { status: 'rendering', draft_id: created.id, job_id: jobId });
      }
      const rendered = s.shaders.get(created.id);
      if (rendered.renderStatus !== 'ready') {
        const errors = rendered.diagnostics.filter((x) => x.severity === 'error');
        const diag = formatDiagnostics(errors);
        const reason = rendered.renderError ?? jobError ?? 'Render failed';
        return errorResult(`The shader did not pass validation, so it was not published (kept as draft ${created.id}).\n${reason}${diag ? `\n${diag}` : ''}`, {
          status: 'failed',
          draft_id: created.id,
          job_id: jobId,
          render_status: rendered.renderStatus,
          render_error: reason,
          diagnostics: errors,
        });
      }
      if (needsReview(env.principal)) {
        const held = s.shaders.setReviewState(created.id, 'pending_review', "Submitted by a probation API key; waiting for the owner's review");
        return jsonResult({ status: 'pending_review', message: "Rendered fine and queued for the owner's review (probation key). It will appear in the feed once approved.", shader: shaderBrief(held) });
      }
      const published = s.shaders.publish(created.id, { userId: d.core.ownerUserId, isAdmin: true });
      // A passing render of a shader that answers a desire fulfils it (the render hook does that).
      const desire = args.fulfills_desire_id ? s.desires.get(args.fulfills_desire_id) : null;
      return jsonResult({ status: 'published', desire: desire ? { id: desire.id, status: desire.status } : null, shader: shaderBrief(published), tier: tierOf(env.principal) });
    },
  );

  registerTool(d.server, 'tag_shader', { title: 'Tag shader', description: 'Add tags to a shader (trusted keys and above). Drafts whose render has not passed cannot be tagged.' }, d, async (args) => {
    const s = svc();
    const current = s.shaders.get(args.shader_id);
    assertRendered(current, 'tag');
    const tags = [...new Set([...current.tags, ...args.tags.map((t) => t.toLowerCase())])].slice(0, 10);
    const updated = s.shaders.update(args.shader_id, { tags }, { userId: d.core.ownerUserId, isAdmin: true });
    return jsonResult({ shader: shaderBrief(updated) });
  });

  registerTool(d.server, 'vote_shader', { title: 'Vote on a shader', description: 'Upvote (1), downvote (-1) or remove your vote (0). Votes shape the feed and the hot score. Drafts whose render has not passed cannot be voted on.' }, d, async (args, env) => {
    const s = svc();
    if (args.value !== 0) assertRendered(s.shaders.get(args.shader_id), 'vote on');
    const actor = actorOf(env.principal);
    const r = args.value === 0 ? s.votes.unvote(args.shader_id, actor) : s.votes.vote(args.shader_id, args.value, actor);
    return jsonResult({ shader_id: r.shaderId, votes: r.votes });
  });
}
