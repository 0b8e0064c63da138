import { mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../electron/host/db/connection.js';
import { createLogger } from '../../electron/host/logger.js';
import { MediaStore } from '../../electron/host/media/media-store.js';
import { ArcadeService } from '../../electron/host/video/arcade/arcade-service.js';
import { ARCADE_RESOURCES } from '../../electron/host/video/arcade/arcade-runtime.js';

// The shipped games on a real (migrated) SQLite file and media store: installed once with their
// own thumbnails, not installed twice, and a shipped game the user removed stays removed.
const root = mkdtempSync(join(tmpdir(), 'arcade-seed-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

function service() {
  for (const d of ['logs', 'media']) mkdirSync(join(root, d), { recursive: true });
  const database = openDatabase(join(root, 'studio.db'));
  const svc = new ArcadeService({
    database,
    media: new MediaStore(database.db, join(root, 'media')),
    logger: createLogger(join(root, 'logs')),
    gamesDir: join(root, 'arcade'),
    origin: () => 'http://127.0.0.1:1',
    renderThumbnails: false,
  });
  return { svc, close: () => database.close() };
}

describe('shipped arcade games', () => {
  it('are installed once, and a removed one is not brought back', async () => {
    const first = service();
    expect(await first.svc.seed(ARCADE_RESOURCES)).toBe(3);
    const games = first.svc.list();
    expect(games.map((g) => g.title).sort()).toEqual(['Brick Breeze', 'Comet Dodge', 'Snake Garden']);
    expect(games.every((g) => g.origin === 'builtin' && g.thumbnailSource === 'bundle' && g.fileCount === 4)).toBe(true);
    expect(await first.svc.seed(ARCADE_RESOURCES)).toBe(0);
    const snake = games.find((g) => g.title === 'Snake Garden')!;
    await first.svc.delete(snake.id);
    first.close();

    const second = service();
    expect(await second.svc.seed(ARCADE_RESOURCES)).toBe(0);
    expect(second.svc.list().map((g) => g.title).sort()).toEqual(['Brick Breeze', 'Comet Dodge']);
    expect(readdirSync(join(root, 'arcade')).sort()).toEqual(second.svc.list().map((g) => g.id).sort());
    expect(second.svc.gameDir(snake.id)).toBeNull();
    second.close();
  });
});
