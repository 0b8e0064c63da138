import { join } from 'node:path';
import { PACKAGE_ROOT } from '../package-root.js';

export interface McpLaunch {
  command: string;
  args: string[];
  env: Record<string, string>;
}

/**
 * How Claude Desktop should start `auteur mcp` for this very install and data dir. Inside the
 * packaged app the Electron binary runs the CLI as plain Node (ELECTRON_RUN_AS_NODE); headless,
 * it is this Node binary. `--home` pins the data dir, so the agent sees the same studio.
 */
export function mcpLaunch(dataDir: string): McpLaunch {
  const cli = join(PACKAGE_ROOT, 'bin', 'auteur.js');
  const inElectron = Boolean((process.versions as { electron?: string }).electron);
  return {
    command: process.execPath,
    args: [cli, 'mcp', '--home', dataDir],
    env: inElectron ? { ELECTRON_RUN_AS_NODE: '1' } : {},
  };
}

export function claudeDesktopConfig(launch: McpLaunch): string {
  const server: Record<string, unknown> = { command: launch.command, args: launch.args };
  if (Object.keys(launch.env).length) server.env = launch.env;
  return JSON.stringify({ mcpServers: { 'auteur-studio': server } }, null, 2);
}

export const CLAUDE_CONFIG_PATHS = {
  macos: '~/Library/Application Support/Claude/claude_desktop_config.json',
  windows: '%APPDATA%\\Claude\\claude_desktop_config.json',
  linux: '~/.config/Claude/claude_desktop_config.json',
};
