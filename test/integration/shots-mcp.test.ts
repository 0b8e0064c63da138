import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempHome } from '../helpers/host-process.js';
import { connectStdio, textOf } from '../helpers/mcp-clients.js';

let session: Awaited<ReturnType<typeof connectStdio>>;
beforeAll(async () => {
  session = await connectStdio(tempHome('auteur-shots-mcp-'), { AUTEUR_SEED_LIBRARY: '0' });
}, 60_000);
afterAll(async () => {
  await session?.close();
});

type S = Record<string, unknown>;
const call = (name: string, args: S) => session.client.callTool({ name, arguments: args }, undefined, { timeout: 60_000 });

const SCRIPT = `Title: The Vial

INT. LAB - NIGHT

MARA holds a glowing vial up to the light.

MARA
It works.

EXT. ROOF - NIGHT

Rain hammers the skylight.
`;

describe('Shots MCP tools', () => {
  it('imports a screenplay into a new project, lists it, and refuses a payload for an unknown shot', async () => {
    const tools = (await session.client.listTools()).tools.map((t) => t.name);
    expect(tools).toEqual(expect.arrayContaining(['shots_import_script', 'shots_list', 'shots_generate_payload']));

    const wrong = await call('shots_import_script', { text: SCRIPT, projectId: 'x' });
    expect(wrong.isError).toBe(true);
    expect(textOf(wrong)).toMatch(/"projectId" \(did you mean "project_id"\?\)/);

    const imported = (await call('shots_import_script', { text: SCRIPT, breakdown: false })).structuredContent as S;
    expect(imported.title).toBe('The Vial');
    const scenes = imported.scenes as { scene_id: string; slugline: string; characters: string[] }[];
    expect(scenes.map((s) => s.slugline)).toEqual(['INT. LAB - NIGHT', 'EXT. ROOF - NIGHT']);
    expect(scenes[0]!.characters).toEqual(['MARA']);
    const projectId = imported.project_id as string;

    const projects = (await call('shots_list', {})).structuredContent as { projects: { id: string; name: string; scene_count: number }[] };
    expect(projects.projects.find((p) => p.id === projectId)).toMatchObject({ name: 'The Vial', scene_count: 2 });

    const notAScript = await call('shots_import_script', { text: 'Hello, this is a letter.', project_id: projectId });
    expect(notAScript.isError).toBe(true);
    expect(textOf(notAScript)).toMatch(/does not look like a screenplay/);

    const board = (await call('shots_list', { project_id: projectId })).structuredContent as { scenes: { scene_id: string; shots: unknown[] }[]; warnings: unknown[] };
    expect(board.scenes).toHaveLength(2);
    expect(board.scenes[0]!.shots).toEqual([]);

    const missing = await call('shots_generate_payload', { shot_id: 'no-such-shot' });
    expect(missing.isError).toBe(true);
    expect(textOf(missing)).toMatch(/Shot no-such-shot was not found/);
  });
});
