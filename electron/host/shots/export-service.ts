import { readFile } from 'node:fs/promises';
import { extname } from 'node:path';
import type { Response } from 'express';
import type { Ingredient, ProjectBoard, Shot } from '../../../shared/schemas/shots.js';
import { readBoard } from './board.js';
import type { ShotsDeps } from './deps.js';
import type { ShotsReader } from './rows.js';
import { ZipWriter } from './zip.js';

export const EXPORT_FORMAT = 'auteur.shots.export/1';

const slug = (s: string) =>
  s
    .normalize('NFKD')
    .replace(/[^\w.-]+/g, '_')
    .replace(/^_+|_+$/g, '')
    .slice(0, 60) || 'export';

/**
 * Exports as a zip: a JSON document (the board's scenes and shots with their Veo payloads, the
 * ingredients used) and the reference files under references/, named in the JSON so a Veo
 * request can be rebuilt with its images.
 */
export class ExportService {
  constructor(
    private readonly deps: ShotsDeps,
    private readonly reader: ShotsReader,
  ) {}

  async project(id: string, res: Response): Promise<void> {
    const board = readBoard(this.reader, id);
    await this.send(res, `${slug(board.project.name)}.shots.zip`, 'project.json', board, board.scenes.flatMap((s) => s.shots));
  }

  async scene(id: string, res: Response): Promise<void> {
    const scene = this.reader.scene(id);
    const board = readBoard(this.reader, scene.projectId);
    const only = { ...board, scenes: board.scenes.filter((s) => s.id === id) };
    await this.send(res, `${slug(board.project.name)}-scene-${scene.sequenceNumber + 1}.shots.zip`, 'scene.json', only, only.scenes.flatMap((s) => s.shots));
  }

  async shot(id: string, res: Response): Promise<void> {
    const { scene } = this.reader.shot(id);
    const board = readBoard(this.reader, scene.projectId);
    const only = { ...board, scenes: board.scenes.filter((s) => s.id === scene.id).map((s) => ({ ...s, shots: s.shots.filter((x) => x.id === id) })) };
    const shot = only.scenes[0]!.shots[0]!;
    await this.send(res, `${slug(board.project.name)}-shot-${slug(shot.description.slice(0, 30))}.shots.zip`, 'shot.json', only, [shot]);
  }

  private async send(res: Response, filename: string, docName: string, board: ProjectBoard, shotList: Shot[]): Promise<void> {
    const used = new Set(shotList.flatMap((s) => s.slots).filter((x): x is string => !!x));
    const ingredients = board.ingredients.filter((i) => used.has(i.id));
    // Read every reference before the first byte goes out, so a missing file is an error response, not a broken zip.
    const files: { ingredient: Ingredient; mediaId: string; path: string; data: Buffer }[] = [];
    for (const ing of ingredients) {
      const media = this.deps.media.get(ing.mediaId);
      if (!media) continue;
      const data = await readFile(this.deps.media.absolutePath(media));
      files.push({ ingredient: ing, mediaId: media.id, path: `references/${slug(ing.type)}-${slug(ing.name)}-${ing.id.slice(0, 8)}${extname(media.relPath)}`, data });
      const poster = ing.posterMediaId ? this.deps.media.get(ing.posterMediaId) : undefined;
      if (poster) files.push({ ingredient: ing, mediaId: poster.id, path: `references/${slug(ing.type)}-${slug(ing.name)}-${ing.id.slice(0, 8)}.poster.png`, data: await readFile(this.deps.media.absolutePath(poster)) });
    }
    const doc = {
      format: EXPORT_FORMAT,
      exportedAt: new Date().toISOString(),
      project: board.project,
      scenes: board.scenes,
      ingredients: ingredients.map((i) => ({ ...i, files: files.filter((f) => f.ingredient.id === i.id).map((f) => f.path) })),
      /** Veo payload images are media ids: this maps each to its file in the zip. */
      mediaFiles: Object.fromEntries(files.map((f) => [f.mediaId, f.path])),
      warnings: board.warnings.filter((w) => shotList.some((s) => s.id === w.shotId)),
    };
    res.status(200);
    res.setHeader('Content-Type', 'application/zip');
    res.setHeader('Content-Disposition', `attachment; filename="${filename}"`);
    const zip = new ZipWriter(res);
    await zip.add(docName, Buffer.from(JSON.stringify(doc, null, 2)));
    for (const f of files) await zip.add(f.path, f.data);
    await zip.finish();
  }
}
