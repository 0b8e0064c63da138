/**
 * `auteur <command>`: the headless face of the studio. Each command lives in electron/cli/.
 */
import { parseArgs } from 'node:util';
import { doctor } from './cli/doctor.js';
import { mcp } from './cli/mcp.js';
import { serve } from './cli/serve.js';
import { APP_VERSION } from './host/package-root.js';

const HELP = `Auteur Studio ${APP_VERSION}

Usage: auteur <command> [options]

Commands:
  serve [--port N] [--home DIR]   Start the studio host headless and print its URL (with token)
  doctor [--home DIR] [--json] [--fresh]
                                  Check SQLite, sqlite-vec, ffmpeg, Chromium (sandbox, a real frame against
                                  the render budget; --fresh measures again) and AI providers with their models
  mcp [--home DIR]                MCP server on stdio for Claude Desktop (acts as the local owner)
  render <file.glsl|file.json> [--seconds 5] [--width 640 --height 360 --fps 30] [--out DIR]
                                  Render a shader (or Shadertoy JSON export) headless: thumbnail, preview, report.json;
                                  exit 1 the shader is broken, 3 the renderer could not run (render --help)
  version                         Print the version
  help                            Show this help

The data dir is --home, else $AUTEUR_HOME, else the OS app-data folder.
`;

type Command = (args: string[]) => Promise<number>;

function portOf(v: string | undefined): number | undefined {
  if (v === undefined) return undefined;
  const n = Number(v);
  if (!Number.isInteger(n) || n < 0 || n > 65535) throw new UsageError(`--port must be a whole number 0–65535, got "${v}"`);
  return n;
}

class UsageError extends Error {}

const COMMANDS: Record<string, Command> = {
  serve: async (args) => {
    const { values } = parseArgs({ args, options: { port: { type: 'string' }, home: { type: 'string' } }, strict: true });
    return serve({ port: portOf(values.port), home: values.home });
  },
  doctor: async (args) => {
    const { values } = parseArgs({ args, options: { home: { type: 'string' }, json: { type: 'boolean' }, fresh: { type: 'boolean' } }, strict: true });
    return doctor({ home: values.home, json: values.json, fresh: values.fresh });
  },
  mcp: async (args) => {
    const { values } = parseArgs({ args, options: { home: { type: 'string' } }, strict: true });
    return mcp({ home: values.home });
  },
  // Loaded on demand: the renderer pulls in puppeteer-core and sharp, which `serve` must not pay for.
  render: async (args) => (await import('./cli/render.js')).renderCommand(args),
  version: async () => {
    process.stdout.write(`${APP_VERSION}\n`);
    return 0;
  },
  help: async () => {
    process.stdout.write(HELP);
    return 0;
  },
};

export async function main(argv: string[]): Promise<number> {
  const [name = 'help', ...rest] = argv;
  const cmd = COMMANDS[name === '--help' || name === '-h' ? 'help' : name === '--version' ? 'version' : name];
  if (!cmd) {
    process.stderr.write(`Unknown command "${name}".\n\n${HELP}`);
    return 2;
  }
  try {
    return await cmd(rest);
  } catch (err) {
    if (err instanceof UsageError || (err as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')) {
      process.stderr.write(`${(err as Error).message}\n\nRun \`auteur help\` for usage.\n`);
      return 2;
    }
    process.stderr.write(`auteur ${name} failed: ${(err as Error).stack ?? String(err)}\n`);
    return 1;
  }
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (err) => {
    process.stderr.write(`${(err as Error).stack ?? String(err)}\n`);
    process.exit(1);
  },
);
