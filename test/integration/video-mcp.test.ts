import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempHome, waitFor } from '../helpers/host-process.js';
import { connectStdio, textOf } from '../helpers/mcp-clients.js';

// The video tools over stdio (`auteur mcp` runs its own core and runner), no LLM: the offline writer.
let session: Awaited<ReturnType<typeof connectStdio>>;
beforeAll(async () => {
  session = await connectStdio(tempHome('auteur-video-mcp-'), { AUTEUR_SEED_LIBRARY: '0', OLLAMA_HOST: 'http://127.0.0.1:9', OPENAI_API_KEY: '', ANTHROPIC_API_KEY: '', ELEVENLABS_API_KEY: '' });
}, 60_000);
afterAll(async () => {
  await session?.close();
});

type S = Record<string, unknown>;
const call = (name: string, args: S) => session.client.callTool({ name, arguments: args }, undefined, { timeout: 60_000 });
const video = async (id: string) => (await call('get_video', { video_id: id })) as { structuredContent: S; content: { type: string; data?: string; mimeType?: string }[]; isError?: boolean };

describe('video MCP tools', () => {
  it('generate_video queues the pipeline; get_video and list_videos follow it in snake_case', async () => {
    const tools = (await session.client.listTools()).tools.map((t) => t.name);
    expect(tools).toEqual(expect.arrayContaining(['generate_video', 'get_video', 'list_videos']));

    const wrong = await call('generate_video', { prompt: 'x', durationTarget: 7 });
    expect(wrong.isError).toBe(true);
    expect(textOf(wrong)).toMatch(/"durationTarget" \(did you mean "duration_target"\?\)/);

    const gen = (await call('generate_video', { prompt: 'A red kite over green hills. The wind drops at sunset.', duration_target: 6 })).structuredContent as S;
    expect(gen).toMatchObject({ status: 'queued', in_library: false, mp4: null });
    expect(gen.job_id).toEqual(expect.any(String));
    const id = gen.video_id as string;

    const scripted = await waitFor(async () => {
      const v = (await video(id)).structuredContent;
      return v.scenes ? v : undefined;
    }, 'the script', 60_000);
    expect(scripted.script_source).toMatchObject({ writer: 'offline', provider: 'embedded' });
    expect((scripted.scenes as S[])[0]).toMatchObject({ id: 's1', duration_sec: expect.any(Number) });

    expect(((await call('list_videos', {})).structuredContent as { videos: S[] }).videos.map((v) => v.video_id)).not.toContain(id);
    const all = (await call('list_videos', { include_unfinished: true, query: 'kite' })).structuredContent as { total: number; videos: S[] };
    expect(all.videos.map((v) => v.video_id)).toEqual([id]);

    const missing = await call('get_video', { video_id: 'no-such-video' });
    expect(missing.isError).toBe(true);
    expect(textOf(missing)).toMatch(/Video no-such-video was not found/);
  }, 90_000);

  it('get_video returns the poster as image content once rendered', async () => {
    const gen = (await call('generate_video', { prompt: 'Snow on a quiet harbour.', produce_preview: false, duration_target: 2 })).structuredContent as S;
    const done = await waitFor(async () => {
      const v = await video(gen.video_id as string);
      return v.structuredContent.status === 'completed' || v.structuredContent.status === 'failed' ? v : undefined;
    }, 'the video', 480_000, 500);
    expect(done.structuredContent.error).toBeNull();
    const image = done.content.find((c) => c.type === 'image');
    expect(image?.mimeType).toMatch(/^image\/(jpeg|png)$/);
    expect(Buffer.from(image!.data!, 'base64').length).toBeGreaterThan(500);
  }, 540_000);
});
