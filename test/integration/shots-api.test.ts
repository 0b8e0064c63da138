import { readdirSync } from 'node:fs';
import { request } from 'node:http';
import { join } from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WorkerProviderConfig } from '../../shared/schemas/providers.js';
import type { Deleted, Ingredient, Project, ProjectBoard, Scene, ShotWithWarnings } from '../../shared/schemas/shots.js';
import { resolveFfmpegPath } from '../../worker/media/ffmpeg/locate.js';
import { ffmpegCommand, inputArgs, outputArgs, runFfmpeg } from '../../worker/media/ffmpeg/run.js';
import { closedPortUrl } from '../fixtures/fake-http.js';
import { startHostProcess, tempHome, waitFor, type HostProcess } from '../helpers/host-process.js';

let host: HostProcess;
let project: Project;

beforeAll(async () => {
  // No vision provider: Ollama at a closed port (a developer's running Ollama must not change the result).
  host = await startHostProcess(tempHome('auteur-shots-'), { OLLAMA_HOST: await closedPortUrl() });
  const r = await host.api('/shots/projects', { method: 'POST', json: { name: 'Rain City' } });
  expect(r.status).toBe(201);
  project = (await r.json()) as Project;
}, 60_000);
afterAll(async () => {
  await host?.stop();
});

const json = async <T>(r: Response, status = 200): Promise<T> => {
  const body = await r.text();
  expect(r.status, body).toBe(status);
  return JSON.parse(body) as T;
};

function form(fields: Record<string, string>, file: { name: string; data: Buffer; type?: string }): FormData {
  const f = new FormData();
  for (const [k, v] of Object.entries(fields)) f.append(k, v);
  f.append('file', new Blob([new Uint8Array(file.data)], { type: file.type ?? 'application/octet-stream' }), file.name);
  return f;
}
const upload = (fields: Record<string, string>, file: { name: string; data: Buffer; type?: string }) => host.api('/assets/upload', { method: 'POST', body: form(fields, file) });
const png = (w: number, h: number, color: string) => sharp({ create: { width: w, height: h, channels: 3, background: color } }).png().toBuffer();
const leftovers = () => readdirSync(join(host.home, 'media')).filter((f) => f.startsWith('.upload-') || f.startsWith('.incoming-'));

/** Entry names of a stored (uncompressed) zip, from its central directory. */
function zipEntries(buf: Buffer): Map<string, Buffer> {
  const eocd = buf.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  const count = buf.readUInt16LE(eocd + 10);
  let at = buf.readUInt32LE(eocd + 16);
  const out = new Map<string, Buffer>();
  for (let i = 0; i < count; i++) {
    const size = buf.readUInt32LE(at + 20);
    const nameLen = buf.readUInt16LE(at + 28);
    const extra = buf.readUInt16LE(at + 30) + buf.readUInt16LE(at + 32);
    const local = buf.readUInt32LE(at + 42);
    const name = buf.toString('utf8', at + 46, at + 46 + nameLen);
    const dataAt = local + 30 + buf.readUInt16LE(local + 26) + buf.readUInt16LE(local + 28);
    out.set(name, buf.subarray(dataAt, dataAt + size));
    at += 46 + nameLen + extra;
  }
  return out;
}

describe('shots API: projects, scenes, shots', () => {
  it('creates, renames, reorders, deletes and restores', async () => {
    const a = await json<Scene>(await host.api(`/shots/projects/${project.id}/scenes`, { method: 'POST', json: { slugline: 'INT. LAB - NIGHT' } }), 201);
    const b = await json<Scene>(await host.api(`/shots/projects/${project.id}/scenes`, { method: 'POST', json: { slugline: 'EXT. ROOF - NIGHT' } }), 201);
    expect([a.order, b.order]).toEqual([0, 1]);
    const renamed = await json<Scene>(await host.api(`/shots/scenes/${a.id}`, { method: 'PATCH', json: { slugline: 'INT. LAB - DAWN' } }));
    expect(renamed.slugline).toBe('INT. LAB - DAWN');

    let board = await json<ProjectBoard>(await host.api(`/shots/projects/${project.id}/scenes/reorder`, { method: 'POST', json: { ids: [b.id, a.id] } }));
    expect(board.scenes.map((s) => s.id)).toEqual([b.id, a.id]);
    // A partial order is refused, not guessed at.
    expect((await host.api(`/shots/projects/${project.id}/scenes/reorder`, { method: 'POST', json: { ids: [a.id] } })).status).toBe(400);

    const s1 = await json<ShotWithWarnings>(await host.api(`/shots/scenes/${a.id}/shots`, { method: 'POST', json: { description: 'Wide on the lab', duration: 4 } }), 201);
    const s2 = await json<ShotWithWarnings>(await host.api(`/shots/scenes/${a.id}/shots`, { method: 'POST', json: { description: 'Close on the vial', order: 0 } }), 201);
    board = await json<ProjectBoard>(await host.api(`/shots/projects/${project.id}`));
    expect(board.scenes[1]!.shots.map((s) => s.id)).toEqual([s2.shot.id, s1.shot.id]);
    expect(s1.shot.slots).toEqual([null, null, null]);
    expect(s1.shot.status).toBe('draft');

    const del = await json<Deleted>(await host.api(`/shots/${s2.shot.id}`, { method: 'DELETE' }));
    expect((await host.api(`/shots/${s2.shot.id}`)).status).toBe(404);
    const back = await json<ShotWithWarnings>(await host.api(del.restorePath.replace('/api/v1', ''), { method: 'POST' }));
    expect(back.shot.order).toBe(0);

    const sceneDel = await json<Deleted>(await host.api(`/shots/scenes/${b.id}`, { method: 'DELETE' }));
    board = await json<ProjectBoard>(await host.api(`/shots/projects/${project.id}`));
    expect(board.scenes.map((s) => s.id)).toEqual([a.id]);
    await json<Scene>(await host.api(sceneDel.restorePath.replace('/api/v1', ''), { method: 'POST' }));
    board = await json<ProjectBoard>(await host.api(`/shots/projects/${project.id}`));
    expect(board.scenes.map((s) => s.id)).toEqual([b.id, a.id]);

    const p = await json<Project>(await host.api(`/shots/projects/${project.id}`, { method: 'PATCH', json: { name: 'Rain City II', aspectRatio: '9:16' } }));
    expect([p.name, p.aspectRatio, p.veoVersion]).toEqual(['Rain City II', '9:16', '3.1']);
    expect((await host.api(`/shots/projects/${project.id}`, { method: 'PATCH', json: { aspectRatio: '4:3' } })).status).toBe(400);
    // An edited payload must be a Veo 3.1 request; a valid one makes the shot ready and marks it as edited.
    const bad = await host.api(`/shots/${s1.shot.id}`, { method: 'PATCH', json: { veoPayload: { instances: [{ prompt: 'x' }], parameters: { durationSeconds: 5 } } } });
    expect(bad.status).toBe(422);
    expect(((await bad.json()) as { error: { message: string } }).error.message).toMatch(/durationSeconds/);
    const edited = await json<ShotWithWarnings>(await host.api(`/shots/${s1.shot.id}`, { method: 'PATCH', json: { veoPayload: { instances: [{ prompt: 'A lab at dawn' }], parameters: { durationSeconds: 8 } } } }));
    expect([edited.shot.status, edited.shot.payloadSource]).toEqual(['ready', 'edited']);
    expect(edited.shot.veoPayload).toEqual({ instances: [{ prompt: 'A lab at dawn' }], parameters: { durationSeconds: 8 } });
  });

  it('deletes a whole project with undo', async () => {
    const p = await json<Project>(await host.api('/shots/projects', { method: 'POST', json: { name: 'Scratch' } }), 201);
    await json<Deleted>(await host.api(`/shots/projects/${p.id}`, { method: 'DELETE' }));
    const list = await json<{ projects: Project[] }>(await host.api('/shots/projects'));
    expect(list.projects.map((x) => x.id)).not.toContain(p.id);
    await json<Project>(await host.api(`/shots/projects/${p.id}/restore`, { method: 'POST' }));
    expect((await json<{ projects: Project[] }>(await host.api('/shots/projects'))).projects.map((x) => x.id)).toContain(p.id);
  });
});

describe('shots API: uploads', () => {
  it('stores a PNG with a 200 px thumbnail, dimensions and palette, and no invented caption', async () => {
    const data = await sharp({ create: { width: 640, height: 320, channels: 3, background: '#ff0000' } })
      .composite([{ input: await png(320, 320, '#0000ff'), left: 320, top: 0 }])
      .png()
      .toBuffer();
    const ing = await json<Ingredient>(await upload({ projectId: project.id, type: 'Character' }, { name: '../../etc/MARA.png', data, type: 'image/png' }), 201);
    expect(ing.name).toBe('MARA');
    expect(ing.provenance.originalName).toBe('MARA.png');
    expect([ing.kind, ing.type, ing.metadata.width, ing.metadata.height]).toEqual(['image', 'Character', 640, 320]);
    expect(ing.metadata.palette.slice(0, 2).sort()).toEqual(['#0000ff', '#ff0000']);
    expect(ing.metadata.vision.status).toBe('not_configured');
    expect(ing.metadata.vision.reason).toMatch(/vision/i);
    expect(ing.metadata.caption).toBeUndefined();
    const thumb = Buffer.from(await (await host.api(`/media/${ing.thumbnailMediaId}/file`)).arrayBuffer());
    const meta = await sharp(thumb).metadata();
    expect([meta.format, meta.width, meta.height]).toEqual(['png', 200, 100]);
    const orig = Buffer.from(await (await host.api(`/media/${ing.mediaId}/file`)).arrayBuffer());
    expect(orig.equals(data)).toBe(true);
  });

  it('refuses bytes that are not what the name says, empty files and bad fields, leaving nothing behind', async () => {
    const text = await upload({ projectId: project.id, type: 'Object' }, { name: 'cat.png', data: Buffer.from('this is not an image at all') });
    expect(text.status).toBe(415);
    expect(((await text.json()) as { error: { message: string } }).error.message).toMatch(/text, not a PNG/);
    const jpeg = await sharp({ create: { width: 8, height: 8, channels: 3, background: '#00ff00' } }).jpeg().toBuffer();
    const mismatch = await upload({ projectId: project.id, type: 'Object' }, { name: 'photo.png', data: jpeg });
    expect(mismatch.status).toBe(415);
    expect(((await mismatch.json()) as { error: { code: string } }).error.code).toBe('type_mismatch');
    expect((await upload({ projectId: project.id, type: 'Object' }, { name: 'empty.png', data: Buffer.alloc(0) })).status).toBe(400);
    expect((await upload({ projectId: project.id, type: 'Hero' }, { name: 'x.png', data: await png(4, 4, '#fff') })).status).toBe(400);
    expect((await upload({ projectId: 'nope', type: 'Style' }, { name: 'x.png', data: await png(4, 4, '#fff') })).status).toBe(404);
    expect(leftovers()).toEqual([]);
  });

  it('refuses a 4 GB upload by its declared size before storing anything', async () => {
    const url = new URL(`${host.base}/api/v1/assets/upload`);
    const status = await new Promise<number>((resolve, reject) => {
      const req = request(
        { host: url.hostname, port: url.port, path: url.pathname, method: 'POST', headers: { authorization: `Bearer ${host.token}`, 'content-type': 'multipart/form-data; boundary=xyz', 'content-length': String(4 * 1024 ** 3) } },
        (res) => {
          res.resume();
          resolve(res.statusCode ?? 0);
        },
      );
      req.on('error', reject);
      req.write('--xyz\r\nContent-Disposition: form-data; name="file"; filename="huge.mp4"\r\n\r\n');
      req.write(Buffer.alloc(64 * 1024));
    });
    expect(status).toBe(413);
    expect(leftovers()).toEqual([]);
  });

  it('cuts a streamed upload (no declared length) as soon as it passes the image limit', async () => {
    const boundary = 'streamed';
    const head = Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="projectId"\r\n\r\n${project.id}\r\n--${boundary}\r\nContent-Disposition: form-data; name="type"\r\n\r\nStyle\r\n--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="huge.png"\r\n\r\n`);
    const magic = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    let sent = 0;
    const chunk = Buffer.alloc(1024 * 1024);
    const body = new ReadableStream<Uint8Array>({
      pull(c) {
        // 80 MB of "PNG" with no end: the host must stop it at 50 MB, not read it all.
        if (sent === 0) c.enqueue(new Uint8Array(Buffer.concat([head, magic])));
        else if (sent > 80) return c.close();
        else c.enqueue(new Uint8Array(chunk));
        sent++;
      },
    });
    const r = await host.api('/assets/upload', { method: 'POST', body, headers: { 'content-type': `multipart/form-data; boundary=${boundary}` }, duplex: 'half' } as RequestInit).catch((e: Error) => e);
    expect(r instanceof Response ? r.status : r.message).toBe(413);
    expect(leftovers()).toEqual([]);
  });

  it('takes a short MP4 reference with a poster frame', async () => {
    const out = join(host.home, 'clip.mp4');
    const ff = resolveFfmpegPath(WorkerProviderConfig.parse({}));
    const cmd = ffmpegCommand(ff).input('testsrc2=size=320x180:rate=24:duration=2');
    inputArgs(cmd, ['-f', 'lavfi']);
    outputArgs(cmd, ['-c:v', 'libx264', '-preset', 'ultrafast', '-pix_fmt', 'yuv420p', '-y']).output(out);
    await runFfmpeg(cmd, { label: 'test clip' });
    const { readFileSync } = await import('node:fs');
    const ing = await json<Ingredient>(await upload({ projectId: project.id, type: 'Location', name: 'Rooftop' }, { name: 'roof.mp4', data: readFileSync(out) }), 201);
    expect([ing.kind, ing.name, ing.metadata.width, ing.metadata.height]).toEqual(['video', 'Rooftop', 320, 180]);
    expect(ing.metadata.durationSeconds).toBeCloseTo(2, 0);
    expect(ing.posterMediaId).toBeTruthy();
    const poster = await sharp(Buffer.from(await (await host.api(`/media/${ing.posterMediaId}/file`)).arrayBuffer())).metadata();
    expect([poster.format, poster.width]).toEqual(['png', 320]);
  });

  it('filters by type, searches, renames', async () => {
    const chars = await json<{ ingredients: Ingredient[] }>(await host.api(`/shots/projects/${project.id}/ingredients?type=Character`));
    expect(chars.ingredients.map((i) => i.name)).toEqual(['MARA']);
    const found = await json<{ ingredients: Ingredient[] }>(await host.api(`/shots/projects/${project.id}/ingredients?q=roof`));
    expect(found.ingredients.map((i) => i.name)).toEqual(['Rooftop']);
    const renamed = await json<Ingredient>(await host.api(`/shots/ingredients/${found.ingredients[0]!.id}`, { method: 'PATCH', json: { name: 'Roof at night' } }));
    expect(renamed.name).toBe('Roof at night');
  });
});

describe('shots API: slots, continuity, guarded delete, export, script import', () => {
  it('assigns and clears slots with validation and continuity warnings', async () => {
    const p = await json<Project>(await host.api('/shots/projects', { method: 'POST', json: { name: 'Slots' } }), 201);
    const sc = await json<Scene>(await host.api(`/shots/projects/${p.id}/scenes`, { method: 'POST', json: { slugline: 'INT. CAFE - DAY' } }), 201);
    const mk = async (description: string, characters: string[]) =>
      (await json<ShotWithWarnings>(await host.api(`/shots/scenes/${sc.id}/shots`, { method: 'POST', json: { description, characters } }), 201)).shot;
    const a = await mk('MARA enters', ['MARA']);
    const b = await mk('The door swings', []);
    const c = await mk('MARA sits down', ['MARA']);
    const mara = await json<Ingredient>(await upload({ projectId: p.id, type: 'Character', name: 'Mara' }, { name: 'mara.png', data: await png(64, 64, '#884422') }), 201);
    const cafe = await json<Ingredient>(await upload({ projectId: p.id, type: 'Location', name: 'Cafe' }, { name: 'cafe.png', data: await png(64, 64, '#224488') }), 201);

    const assigned = await json<ShotWithWarnings>(await host.api(`/shots/${a.id}/slots/1`, { method: 'PUT', json: { ingredientId: mara.id } }));
    expect(assigned.shot.slots).toEqual([mara.id, null, null]);
    // Shot c names Mara but holds no reference of her; shot b does not name her and is skipped.
    expect(assigned.warnings).toHaveLength(1);
    expect(assigned.warnings[0]).toMatchObject({ kind: 'character_missing', shotId: c.id, previousShotId: a.id, ingredientId: mara.id });

    expect((await host.api(`/shots/${c.id}/slots/4`, { method: 'PUT', json: { ingredientId: mara.id } })).status).toBe(400);
    expect((await host.api(`/shots/${c.id}/slots/1`, { method: 'PUT', json: { ingredientId: 'missing' } })).status).toBe(404);
    const other = (await json<{ projects: Project[] }>(await host.api('/shots/projects'))).projects.find((x) => x.id === project.id)!;
    const foreign = (await json<{ ingredients: Ingredient[] }>(await host.api(`/shots/projects/${other.id}/ingredients`))).ingredients[0]!;
    expect((await host.api(`/shots/${c.id}/slots/1`, { method: 'PUT', json: { ingredientId: foreign.id } })).status).toBe(400);

    const fixed = await json<ShotWithWarnings>(await host.api(`/shots/${c.id}/slots/2`, { method: 'PUT', json: { ingredientId: mara.id } }));
    expect(fixed.warnings).toEqual([]);
    await json<ShotWithWarnings>(await host.api(`/shots/${c.id}/slots/3`, { method: 'PUT', json: { ingredientId: cafe.id } }));
    const cleared = await json<ShotWithWarnings>(await host.api(`/shots/${c.id}/slots/3`, { method: 'DELETE' }));
    expect(cleared.shot.slots).toEqual([null, mara.id, null]);
    expect(b.slots).toEqual([null, null, null]);

    // Deleting an ingredient in use is refused, naming the shots; confirmed, it empties them; restore refills.
    const refused = await host.api(`/shots/ingredients/${mara.id}`, { method: 'DELETE' });
    expect(refused.status).toBe(409);
    const msg = ((await refused.json()) as { error: { message: string } }).error.message;
    expect(msg).toContain('MARA enters');
    expect(msg).toContain('MARA sits down');
    const del = await json<Deleted>(await host.api(`/shots/ingredients/${mara.id}?confirm=true`, { method: 'DELETE' }));
    expect(del.clearedSlots).toBe(2);
    expect((await json<ShotWithWarnings>(await host.api(`/shots/${a.id}`))).shot.slots).toEqual([null, null, null]);
    await json<Ingredient>(await host.api(`/shots/ingredients/${mara.id}/restore`, { method: 'POST' }));
    expect((await json<ShotWithWarnings>(await host.api(`/shots/${a.id}`))).shot.slots).toEqual([mara.id, null, null]);

    // generate-flow queues shots.payload with the shot and its filled slots; the shot is generating_json meanwhile.
    const flow = await json<{ kind: string; input: { shotId: string; ingredients: { slot: number; id: string; mime: string }[]; aspectRatio: string } }>(
      await host.api(`/shots/${a.id}/generate-flow`, { method: 'POST' }),
      202,
    );
    expect(flow.kind).toBe('shots.payload');
    expect(flow.input.ingredients).toEqual([expect.objectContaining({ slot: 1, id: mara.id, mime: 'image/png' })]);
    expect((await host.api(`/shots/nope/generate-flow`, { method: 'POST' })).status).toBe(404);

    // Export: the shot, its scene and the project, each a zip with JSON and the reference images.
    const zip = zipEntries(Buffer.from(await (await host.api(`/shots/projects/${p.id}/export`)).arrayBuffer()));
    const doc = JSON.parse(zip.get('project.json')!.toString()) as { scenes: { shots: { id: string }[] }[]; ingredients: { id: string; files: string[] }[] };
    expect(doc.scenes[0]!.shots.map((s) => s.id)).toEqual([a.id, b.id, c.id]);
    const file = doc.ingredients.find((i) => i.id === mara.id)!.files[0]!;
    expect((await sharp(zip.get(file)!).metadata()).width).toBe(64);
    const shotZip = await host.api(`/shots/${b.id}/export`);
    expect(shotZip.headers.get('content-type')).toBe('application/zip');
    const shotDoc = JSON.parse(zipEntries(Buffer.from(await shotZip.arrayBuffer())).get('shot.json')!.toString()) as { scenes: { shots: unknown[] }[]; ingredients: unknown[] };
    expect([shotDoc.scenes[0]!.shots.length, shotDoc.ingredients.length]).toEqual([1, 0]);
    expect(zipEntries(Buffer.from(await (await host.api(`/shots/scenes/${sc.id}/export`)).arrayBuffer())).has('scene.json')).toBe(true);
  });

  it('parses a screenplay into scenes of a project', async () => {
    const p = await json<Project>(await host.api('/shots/projects', { method: 'POST', json: { name: 'Script' } }), 201);
    const text = 'Title: Night Shift\n\nINT. LAB - NIGHT\n\nMara checks the vial.\n\nMARA\nIt glows.\n\nEXT. ROOF - NIGHT\n\nRain.\n';
    const r = await json<{ title: string; scenes: { slugline: string; characters: string[] }[]; createdSceneIds: string[] }>(
      await host.api('/scripts/parse', { method: 'POST', json: { text, projectId: p.id, breakdown: false } }),
    );
    expect(r.title).toBe('Night Shift');
    expect(r.scenes.map((s) => s.slugline)).toEqual(['INT. LAB - NIGHT', 'EXT. ROOF - NIGHT']);
    expect(r.scenes[0]!.characters).toEqual(['MARA']);
    const board = await json<ProjectBoard>(await host.api(`/shots/projects/${p.id}`));
    expect(board.scenes.map((s) => s.id)).toEqual(r.createdSceneIds);
    expect(board.scenes[0]!.rawContent).toContain('Mara checks the vial.');
    const bad = await host.api('/scripts/parse', { method: 'POST', json: { text: 'Dear John, how are you?' } });
    expect(bad.status).toBe(422);
    // Raw bytes: UTF-16LE with a BOM and CRLF line ends, decoded by the host; replace soft-deletes the old scenes.
    const utf16 = Buffer.from(`\ufeff${text.replace(/\n/g, '\r\n')}`, 'utf16le').toString('base64');
    const again = await json<{ scenes: { slugline: string }[]; createdSceneIds: string[] }>(
      await host.api('/scripts/parse', { method: 'POST', json: { base64: utf16, fileName: 'night.fountain', projectId: p.id, mode: 'replace', breakdown: false } }),
    );
    expect(again.scenes.map((s) => s.slugline)).toEqual(['INT. LAB - NIGHT', 'EXT. ROOF - NIGHT']);
    const replaced = await json<ProjectBoard>(await host.api(`/shots/projects/${p.id}`));
    expect(replaced.scenes.map((s) => s.id)).toEqual(again.createdSceneIds);
    expect((await host.api('/scripts/parse', { method: 'POST', json: { text, base64: utf16 } })).status).toBe(400);
  });

  it('import → offline breakdown → payload: the queued jobs land in the tables', async () => {
    const p = await json<Project>(await host.api('/shots/projects', { method: 'POST', json: { name: 'Pipeline' } }), 201);
    const text = 'INT. LAB - NIGHT\n\nMara checks the vial. It glows green.\n\nMARA\nIt works.\n\nShe pockets it and runs for the door.\n';
    const r = await json<{ breakdownJobIds: string[]; createdSceneIds: string[] }>(await host.api('/scripts/parse', { method: 'POST', json: { text, projectId: p.id } }));
    expect(r.breakdownJobIds).toHaveLength(1);
    const job = await waitFor(async () => {
      const j = (await (await host.api(`/jobs/${r.breakdownJobIds[0]}`)).json()) as { status: string };
      return ['queued', 'running'].includes(j.status) ? null : j;
    }, 'the breakdown job', 120_000, 250);
    // No LLM here (Ollama at a closed port): the heuristic wrote the shots and the job says so.
    expect(job.status).toBe('completed_with_problems');
    const board = await json<ProjectBoard>(await host.api(`/shots/projects/${p.id}`));
    const shots = board.scenes[0]!.shots;
    expect(board.scenes[0]!.breakdownJobId).toBe(r.breakdownJobIds[0]);
    expect(shots.length).toBeGreaterThan(0);
    expect(shots.every((x) => x.source === 'heuristic')).toBe(true);

    const flow = await json<{ id: string }>(await host.api(`/shots/${shots[0]!.id}/generate-flow`, { method: 'POST' }), 202);
    expect((await json<ShotWithWarnings>(await host.api(`/shots/${shots[0]!.id}`))).shot.payloadJobId).toBe(flow.id);
    const ready = await waitFor(async () => {
      const x = await json<ShotWithWarnings>(await host.api(`/shots/${shots[0]!.id}`));
      return x.shot.status === 'generating_json' ? null : x.shot;
    }, 'the payload job', 120_000, 250);
    expect([ready.status, ready.payloadSource]).toEqual(['ready', 'template']);
    expect((ready.veoPayload as { instances: { prompt: string }[] }).instances[0]!.prompt.length).toBeGreaterThan(10);
  }, 240_000);
});
