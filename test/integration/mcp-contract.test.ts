/**
 * The MCP contract an agent relies on, through a real MCP client over stdio: strict arguments
 * (unknown ones refused with the field the agent probably meant), snake_case fields in every
 * result however deep, a failed submit that hands back its draft id as a field, not-found
 * errors for unknown resources, and no votes or tags on drafts that have not rendered.
 */
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { McpError } from '@modelcontextprotocol/sdk/types.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempHome } from '../helpers/host-process.js';
import { connectStdio, textOf } from '../helpers/mcp-clients.js';

const GOOD = `void mainImage(out vec4 fragColor, in vec2 fragCoord) {
  vec2 uv = fragCoord / iResolution.xy;
  fragColor = vec4(0.5 + 0.5 * cos(iTime + uv.xyx + vec3(0, 2, 4)), 1.0);
}`;
const BROKEN = `void mainImage(out vec4 fragColor, in vec2 fragCoord) {
  vec2 uv = fragCoord / iResolution.xy;
  fragColor = vec4(uv, nope, 1.0);
}`;

let home: string;
let session: Awaited<ReturnType<typeof connectStdio>>;
beforeAll(async () => {
  home = tempHome();
  session = await connectStdio(home, { AUTEUR_SEED_LIBRARY: '0' });
}, 60_000);
afterAll(async () => {
  await session?.close();
});

type Structured = Record<string, unknown>;
const call = (name: string, args: Record<string, unknown>, timeout = 150_000) => session.client.callTool({ name, arguments: args }, undefined, { timeout });

/** Every object key in `v`, at any depth, with its path. */
function keysOf(v: unknown, path = '$'): string[] {
  if (Array.isArray(v)) return v.flatMap((x, i) => keysOf(x, `${path}[${i}]`));
  if (v && typeof v === 'object') return Object.entries(v).flatMap(([k, x]) => [`${path}.${k}`, ...keysOf(x, `${path}.${k}`)]);
  return [];
}
const camelKeys = (v: unknown): string[] => keysOf(v).filter((p) => /[a-z][A-Z]/.test(p.split('.').at(-1)!));

describe('MCP contract over stdio', () => {
  let published: string;
  let failedDraft: string;

  it('declares strict input schemas and refuses unknown arguments, naming the one the agent meant', async () => {
    const tools = (await session.client.listTools()).tools;
    for (const t of tools) expect(t.inputSchema, t.name).toMatchObject({ additionalProperties: false });
    const res = await call('vote_shader', { shaderId: 'x', value: 1 });
    expect(res.isError).toBe(true);
    expect(textOf(res)).toMatch(/Unknown argument "shaderId" \(did you mean "shader_id"\?\): vote_shader takes shader_id, value/);
    const nested = await call('post_desire', { prompt_text: 'a calm sea', style_hints: { chaos: 0.2 } });
    expect(nested.isError).toBe(true);
    expect(textOf(nested)).toMatch(/Unknown argument "chaos": style_hints takes chaos_level, color_temperature, motion_type/);
  });

  it('a submit whose render fails returns the draft id, job id and diagnostics as fields', async () => {
    const res = await call('submit_shader', { glsl_code: BROKEN, title: 'Broken on purpose' });
    expect(res.isError).toBe(true);
    const s = res.structuredContent as Structured;
    expect(s).toMatchObject({ status: 'failed', draft_id: expect.any(String), job_id: expect.any(String), render_status: 'failed' });
    expect(s.diagnostics).toContainEqual(expect.objectContaining({ pass: 'image', line: 3, severity: 'error' }));
    expect(textOf(res)).toContain(`kept as draft ${String(s.draft_id)}`);
    failedDraft = String(s.draft_id);
  }, 200_000);

  it('a submit the static checks refuse says nothing was saved, with the line', async () => {
    const res = await call('submit_shader', { glsl_code: 'void mainImage(out vec4 c, in vec2 f) {\n  while (true) { c = vec4(1.0); }\n}', title: 'Endless' });
    expect(res.isError).toBe(true);
    expect(res.structuredContent).toMatchObject({ status: 'refused', draft_id: null, diagnostics: [expect.objectContaining({ line: 2 })] });
    expect(textOf(res)).toMatch(/nothing was saved/);
  });

  it('refuses votes and tags on unrendered drafts (failed or still waiting) with the reason', async () => {
    const vote = await call('vote_shader', { shader_id: failedDraft, value: 1 });
    expect(vote.isError).toBe(true);
    expect(textOf(vote)).toMatch(new RegExp(`Cannot vote on shader ${failedDraft}: it is an unrendered draft \\(its render failed`));
    const tag = await call('tag_shader', { shader_id: failedDraft, tags: ['oops'] });
    expect(tag.isError).toBe(true);
    expect(textOf(tag)).toMatch(/Cannot tag shader .*unrendered draft/);

    const db = new Database(join(home, 'studio.db'));
    db.prepare("insert into shaders (id, author_id, title, glsl_code, source, status, origin, render_status, created_at, updated_at) values ('waiting-draft', 'local-owner', 'Waiting', ?, ?, 'draft', 'mcp', 'pending', ?, ?)").run(
      GOOD,
      JSON.stringify({ common: '', buffers: [], image: { code: GOOD, channels: [] } }),
      Date.now(),
      Date.now(),
    );
    db.close();
    const pending = await call('vote_shader', { shader_id: 'waiting-draft', value: -1 });
    expect(pending.isError).toBe(true);
    expect(textOf(pending)).toMatch(/unrendered draft \(it is still waiting to render\)/);
  });

  it('reading an unknown resource is an MCP not-found error (-32002), not an empty result', async () => {
    const read = (uri: string) => session.client.readResource({ uri }).then(
      () => null,
      (e: unknown) => e,
    );
    const missing = await read('auteur://shaders/no-such-shader/source.glsl');
    expect(missing).toBeInstanceOf(McpError);
    expect(missing).toMatchObject({ code: -32002, message: expect.stringMatching(/Resource auteur:\/\/shaders\/no-such-shader\/source\.glsl not found: Shader no-such-shader was not found/) });
    const noThumb = await read(`auteur://shaders/${failedDraft}/thumbnail.png`);
    expect(noThumb).toMatchObject({ code: -32002, message: expect.stringMatching(/has no thumbnail yet \(render status: failed\)/) });
  });

  it('every tool result uses snake_case fields, nested objects included', async () => {
    const submitted = await call('submit_shader', { glsl_code: GOOD, title: 'Cosine drift', tags: ['calm'], style_metadata: { chaos_level: 0.2, color_temperature: 'cool' } });
    expect(submitted.isError, textOf(submitted)).toBeFalsy();
    published = ((submitted.structuredContent as Structured).shader as Structured).id as string;
    const results: Array<[string, unknown]> = [['submit_shader', submitted.structuredContent]];
    const calls: Array<[string, Record<string, unknown>]> = [
      ['post_desire', { prompt_text: 'a slow cosine drift in cool colours', style_hints: { color_temperature: 'cool', motion_type: 'slow' } }],
      ['browse_shaders', { sort: 'new' }],
      ['get_trending', {}],
      ['get_feed_context', { include_taste_profile: true }],
      ['get_desire_queue', {}],
      ['vote_shader', { shader_id: published, value: 1 }],
      ['tag_shader', { shader_id: published, tags: ['drift'] }],
      ['list_jobs', { limit: 5 }],
    ];
    for (const [name, args] of calls) {
      const r = await call(name, args);
      expect(r.isError, `${name}: ${textOf(r)}`).toBeFalsy();
      results.push([name, r.structuredContent]);
      expect(JSON.parse(textOf(r))).toEqual(r.structuredContent);
    }
    for (const [name, s] of results) expect(camelKeys(s), name).toEqual([]);
    // The nested objects that used to leak camelCase are there, in snake_case.
    const posted = results.find(([n]) => n === 'post_desire')![1] as { desire: { prompt_text: string; style_hints: Structured } };
    expect(posted.desire).toMatchObject({ prompt_text: 'a slow cosine drift in cool colours', style_hints: { temperature_label: 'cool', motion_type: 'slow' } });
    const brief = (results[0]![1] as { shader: Structured }).shader;
    expect(brief.votes).toMatchObject({ up: 0, down: 0 });
  }, 200_000);
});
