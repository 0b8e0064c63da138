import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { cp, mkdir, readFile, readdir, rename, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { desc, eq } from 'drizzle-orm';
import type { Request } from 'express';
import { ARCADE_LIMITS, type ArcadeGame } from '../../../../shared/schemas/video-arcade.js';
import type { Database_ } from '../../db/connection.js';
import { arcadeGames, arcadeSeeded, mediaObjects } from '../../db/schema.js';
import { notFound } from '../../errors.js';
import type { Logger } from '../../logger.js';
import type { MediaStore } from '../../media/media-store.js';
import { receiveZip } from './receive-zip.js';
import { makeThumbnail } from './thumbnail.js';
import { extractBundle, planBundle, type ArcadeLimits } from './zip-bundle.js';

type Row = typeof arcadeGames.$inferSelect;

export interface ArcadeDeps {
  database: Database_;
  media: MediaStore;
  logger: Logger;
  /** <dataDir>/arcade: one folder per game, plus hidden .upload-/.staging- work files. */
  gamesDir: string;
  /** The arcade origin's URL once it listens. */
  origin: () => string;
  limits?: ArcadeLimits;
  /** Headless screenshots for bundles without a thumbnail (off in tests that do not need Chromium). */
  renderThumbnails?: boolean;
}

/** The <title> of index.html, if any (a plain regex: the page is not ours to run here). */
function htmlTitle(html: string): string | null {
  const m = /<title[^>]*>([^<]{1,200})<\/title>/i.exec(html);
  const t = m?.[1]?.replace(/\s+/g, ' ').trim();
  return t ? t.slice(0, 120) : null;
}

async function countFiles(dir: string): Promise<{ files: number; bytes: number }> {
  let files = 0;
  let bytes = 0;
  for (const e of await readdir(dir, { withFileTypes: true, recursive: true })) {
    if (!e.isFile()) continue;
    files++;
    bytes += (await stat(join(e.parentPath, e.name))).size;
  }
  return { files, bytes };
}

/** Installed games: upload (validated zip → temp folder → renamed into place), list, delete, and the shipped games. */
export class ArcadeService {
  constructor(private readonly deps: ArcadeDeps) {}

  private get db() {
    return this.deps.database.db;
  }

  private toGame(r: Row): ArcadeGame {
    return {
      id: r.id,
      title: r.title,
      origin: r.origin,
      fileCount: r.fileCount,
      bytes: r.bytes,
      thumbnailMediaId: r.thumbnailMediaId,
      thumbnailSource: r.thumbnailSource,
      thumbnailNote: r.thumbnailNote,
      playUrl: `${this.deps.origin()}/games/${r.id}/index.html`,
      createdAt: new Date(r.createdAt).toISOString(),
    };
  }

  list(): ArcadeGame[] {
    return this.db.select().from(arcadeGames).orderBy(desc(arcadeGames.createdAt)).all().map((r) => this.toGame(r));
  }

  get(id: string): ArcadeGame {
    const row = this.db.select().from(arcadeGames).where(eq(arcadeGames.id, id)).get();
    if (!row) throw notFound(`Game ${id}`);
    return this.toGame(row);
  }

  /** The folder the arcade origin serves for an id, or null (unknown id). */
  gameDir(id: string): string | null {
    const row = this.db.select({ dir: arcadeGames.dir }).from(arcadeGames).where(eq(arcadeGames.id, id)).get();
    return row ? join(this.deps.gamesDir, row.dir) : null;
  }

  /** POST /arcade/games: every refusal names why and leaves nothing behind (temp zip and staging folder removed). */
  async upload(req: Request, query: { title?: string; filename?: string }): Promise<ArcadeGame> {
    const limits = this.deps.limits ?? { ...ARCADE_LIMITS };
    await mkdir(this.deps.gamesDir, { recursive: true, mode: 0o700 });
    const id = randomUUID();
    const zipPath = join(this.deps.gamesDir, `.upload-${id}.zip`);
    const staging = join(this.deps.gamesDir, `.staging-${id}`);
    try {
      await receiveZip(req, zipPath, limits.maxZipBytes);
      const plan = await planBundle(zipPath, limits);
      await mkdir(staging, { mode: 0o755 });
      await extractBundle(zipPath, plan, staging);
      const fromName = query.filename?.replace(/\.zip$/i, '').replace(/[_-]+/g, ' ').trim();
      const title = query.title ?? htmlTitle(await readFile(join(staging, 'index.html'), 'utf8')) ?? (fromName || 'Untitled game');
      await rename(staging, join(this.deps.gamesDir, id));
      return await this.install(id, title, 'upload', plan.files.length, plan.totalBytes);
    } finally {
      await rm(zipPath, { force: true });
      await rm(staging, { recursive: true, force: true });
    }
  }

  /** Records a game whose files are in place, then makes its card; a failure removes the folder and the row. */
  private async install(id: string, title: string, origin: Row['origin'], fileCount: number, bytes: number): Promise<ArcadeGame> {
    const dir = join(this.deps.gamesDir, id);
    try {
      // The row first: the headless screenshot loads the game through the arcade origin, which serves rows only.
      this.db.insert(arcadeGames).values({ id, title, origin, dir: id, fileCount, bytes, thumbnailSource: 'title_card' }).run();
      const game = this.toGame(this.db.select().from(arcadeGames).where(eq(arcadeGames.id, id)).get()!);
      const thumb = await makeThumbnail(dir, game.playUrl, title, { render: this.deps.renderThumbnails !== false });
      const media = await this.deps.media.ingestBuffer(thumb.png, { mime: 'image/png', originalName: `${title}.png`, provider: 'arcade', model: thumb.source });
      this.db.update(arcadeGames).set({ thumbnailMediaId: media.id, thumbnailSource: thumb.source, thumbnailNote: thumb.note }).where(eq(arcadeGames.id, id)).run();
      return this.get(id);
    } catch (err) {
      this.db.delete(arcadeGames).where(eq(arcadeGames.id, id)).run();
      await rm(dir, { recursive: true, force: true });
      throw err;
    }
  }

  async delete(id: string): Promise<{ deleted: true; id: string }> {
    const row = this.db.select().from(arcadeGames).where(eq(arcadeGames.id, id)).get();
    if (!row) throw notFound(`Game ${id}`);
    this.db.delete(arcadeGames).where(eq(arcadeGames.id, id)).run();
    await rm(join(this.deps.gamesDir, row.dir), { recursive: true, force: true });
    if (row.thumbnailMediaId) this.dropThumbnail(row.thumbnailMediaId);
    return { deleted: true, id };
  }

  /** The store is content-addressed: a card another game (or any other row) still uses is kept. */
  private dropThumbnail(mediaId: string): void {
    if (this.db.select({ id: arcadeGames.id }).from(arcadeGames).where(eq(arcadeGames.thumbnailMediaId, mediaId)).get()) return;
    const media = this.deps.media.get(mediaId);
    if (!media) return;
    try {
      this.db.delete(mediaObjects).where(eq(mediaObjects.id, mediaId)).run();
    } catch {
      return; // referenced elsewhere by a foreign key: shared, keep it
    }
    rm(this.deps.media.absolutePath(media), { force: true }).catch((e: Error) => this.deps.logger.warn(`arcade thumbnail ${mediaId}: ${e.message}`));
  }

  /**
   * Installs each shipped game (resources/arcade/<slug>/) once, so the arcade is never empty on a
   * first run; a shipped game the user deleted is not brought back.
   */
  async seed(resourcesDir: string): Promise<number> {
    if (!existsSync(resourcesDir)) return 0;
    let added = 0;
    for (const e of await readdir(resourcesDir, { withFileTypes: true })) {
      if (!e.isDirectory() || !existsSync(join(resourcesDir, e.name, 'index.html'))) continue;
      if (this.db.select().from(arcadeSeeded).where(eq(arcadeSeeded.slug, e.name)).get()) continue;
      const id = randomUUID();
      const staging = join(this.deps.gamesDir, `.staging-${id}`);
      try {
        await mkdir(this.deps.gamesDir, { recursive: true, mode: 0o700 });
        await cp(join(resourcesDir, e.name), staging, { recursive: true });
        const title = htmlTitle(await readFile(join(staging, 'index.html'), 'utf8')) ?? e.name;
        const { files, bytes } = await countFiles(staging);
        await rename(staging, join(this.deps.gamesDir, id));
        await this.install(id, title, 'builtin', files, bytes);
        this.db.insert(arcadeSeeded).values({ slug: e.name }).run();
        added++;
      } catch (err) {
        this.deps.logger.warn(`arcade: shipped game ${e.name} was not installed: ${(err as Error).message}`);
      } finally {
        await rm(staging, { recursive: true, force: true });
      }
    }
    return added;
  }
}
