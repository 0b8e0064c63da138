/**
 * Desires that fulfil themselves, for an agent over MCP (stdio, no host: `auteur mcp` runs the
 * jobs itself): post_desire runs process_desire, the generation (no LLM here: the offline
 * composer, completed with problems) proposes a candidate, review_desire_candidate accepts it.
 */
import { describe, expect, it } from 'vitest';
import { tempHome, waitFor } from '../helpers/host-process.js';
import { connectStdio, textOf } from '../helpers/mcp-clients.js';
import { assertRuntimeBuilt } from '../helpers/shader-runtime.js';

// Nothing listens on the discard port: "auto" finds no LLM at once and the composer stands in.
const ENV = { AUTEUR_SEED_LIBRARY: '0', OLLAMA_HOST: 'http://127.0.0.1:9' };

describe('MCP desire tools', () => {
  it('post_desire generates at once; review_desire_candidate refuses until a candidate exists, then accepts the one looked at', async () => {
    assertRuntimeBuilt();
    const { client, close } = await connectStdio(tempHome('auteur-mcp-desires-'), ENV);
    try {
      const call = (name: string, args: Record<string, unknown>) => client.callTool({ name, arguments: args }, undefined, { timeout: 120_000 });
      const posted = await call('post_desire', { prompt_text: 'neon rings pulsing slowly in the dark' });
      expect(posted.isError).toBeFalsy();
      // MCP speaks snake_case (seed §12), nested objects included.
      const desire = (JSON.parse(textOf(posted)) as { desire: { id: string; status: string; fulfilment: { mode: string; state: string; job_id: string } } }).desire;
      expect(desire).toMatchObject({ status: 'in_progress', fulfilment: { mode: 'auto', state: 'generating' } });

      const early = await call('review_desire_candidate', { desire_id: desire.id, verdict: 'accept' });
      expect(early.isError).toBe(true);
      expect(textOf(early)).toMatch(/no candidate to review: the generator is still working on it/);

      const job = await waitFor(
        async () => {
          const j = JSON.parse(textOf(await call('get_job', { job_id: desire.fulfilment.job_id }))) as { status: string; error: string | null; ok: boolean };
          return ['queued', 'running'].includes(j.status) ? undefined : j;
        },
        'the generation to finish',
        180_000,
        500,
      );
      // The composer stood in for an LLM: a real draft, honestly not a plain success.
      expect(job).toMatchObject({ status: 'completed_with_problems', ok: false, error: expect.stringMatching(/^No LLM was usable, so the offline procedural composer wrote/) });

      const queue = JSON.parse(textOf(await call('get_desire_queue', {}))) as { desires: unknown[] };
      expect(queue.desires).toEqual([]); // in progress, not open

      const stale = await call('review_desire_candidate', { desire_id: desire.id, verdict: 'accept', shader_id: 'not-the-candidate' });
      expect(stale.isError).toBe(true);
      expect(textOf(stale)).toMatch(/The candidate changed/);

      const unknown = await call('review_desire_candidate', { desire_id: desire.id, verdict: 'accept', shaderId: 'x' });
      expect(unknown.isError).toBe(true);
      expect(textOf(unknown)).toMatch(/did you mean "shader_id"/);

      const accepted = await call('review_desire_candidate', { desire_id: desire.id, verdict: 'accept' });
      expect(accepted.isError).toBeFalsy();
      const r = JSON.parse(textOf(accepted)) as { status: string; fulfilment_state: string; fulfilled_by: { shader_id: string } };
      expect(r).toMatchObject({ status: 'fulfilled', fulfilment_state: 'accepted', fulfilled_by: { shader_id: expect.any(String) } });
      const browse = JSON.parse(textOf(await call('browse_shaders', { sort: 'new' }))) as { shaders: { id: string }[] };
      expect(browse.shaders.map((s) => s.id)).toContain(r.fulfilled_by.shader_id);
    } finally {
      await close();
    }
  }, 240_000);
});
