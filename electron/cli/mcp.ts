import { StdioServerTransport } from '@modelcontextprotocol/sdk/server/stdio.js';
import { closeCore, createCore } from '../host/core.js';
import { ensureDataDir, resolveDataDir } from '../host/data-dir.js';
import { readRunningHost } from '../host/host-lock.js';
import { createLogger } from '../host/logger.js';
import { createMcpServer } from '../host/mcp/create-server.js';
import { seedOnFirstLaunch } from '../host/shaders/first-launch.js';
import { CallRateLimiter } from '../host/mcp/principal.js';

const HOST_CHECK_MS = 2000;

/**
 * `auteur mcp`: an MCP server on stdio for Claude Desktop, acting as the local owner. It shares
 * the data dir and job table with the app: while a host runs, the host executes the jobs this
 * process queues (claims are transactional); with no host, this process runs them itself.
 * stdout carries only the protocol; everything else goes to stderr and logs/mcp.log.
 */
export async function mcp(opts: { home?: string }): Promise<number> {
  const dataDir = resolveDataDir(opts.home);
  ensureDataDir(dataDir);
  const logger = createLogger(dataDir.logsDir, { echo: (line) => process.stderr.write(`${line}\n`) });
  const core = createCore({ dataDir, mode: 'mcp', logger });
  // A fresh data dir gets the same shipped shaders as `auteur serve` would give it (no-op later).
  await seedOnFirstLaunch(core);
  const syncWithHost = () => core.runner.setExecuting(readRunningHost(dataDir) === null);
  syncWithHost();
  core.runner.start();
  const hostWatch = setInterval(syncWithHost, HOST_CHECK_MS);

  const server = createMcpServer(core, { kind: 'owner', userId: core.ownerUserId }, new CallRateLimiter());
  const transport = new StdioServerTransport();
  const closed = new Promise<void>((resolve) => {
    transport.onclose = () => resolve();
    process.stdin.once('end', () => resolve());
    process.once('SIGINT', () => resolve());
    process.once('SIGTERM', () => resolve());
  });
  await server.connect(transport);
  process.stderr.write(`auteur mcp ${core.version} ready on stdio (data dir ${dataDir.root}; ${core.runner.isExecuting ? 'running jobs itself' : 'jobs run by the host'})\n`);
  await closed;
  clearInterval(hostWatch);
  await server.close().catch(() => undefined);
  await closeCore(core);
  return 0;
}
