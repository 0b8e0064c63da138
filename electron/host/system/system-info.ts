import type { Health, SystemInfo } from '../../../shared/schemas/system.js';
import type { HostContext } from '../host-context.js';

export function health(ctx: HostContext): Health {
  let ok = true;
  try {
    ctx.database.sqlite.prepare('select 1').get();
  } catch {
    ok = false;
  }
  return {
    ok,
    version: ctx.version,
    sqlite: { version: ctx.database.versions.sqlite, vec: ctx.database.versions.vec },
    workers: ctx.pool.state(ctx.runner.ownerId),
  };
}

export function systemInfo(ctx: HostContext): SystemInfo {
  const v = process.versions as NodeJS.ProcessVersions & { electron?: string; chrome?: string };
  return {
    version: ctx.version,
    dataDir: ctx.dataDir.root,
    dbPath: ctx.dataDir.dbPath,
    mediaDir: ctx.dataDir.mediaDir,
    logsDir: ctx.dataDir.logsDir,
    url: ctx.origin.url,
    pid: process.pid,
    startedAt: ctx.startedAt.toISOString(),
    versions: { node: v.node, electron: v.electron ?? null, chrome: v.chrome ?? null, platform: process.platform, arch: process.arch },
    sqlite: { version: ctx.database.versions.sqlite, vec: ctx.database.versions.vec, journalMode: ctx.database.versions.journalMode, schemaVersion: ctx.database.versions.schemaVersion },
    workers: ctx.pool.state(ctx.runner.ownerId),
  };
}
