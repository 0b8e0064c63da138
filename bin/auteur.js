#!/usr/bin/env node
// Launcher for the compiled CLI. From a checkout, `npm run auteur -- <command>` builds first.
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const cli = join(dirname(fileURLToPath(import.meta.url)), '..', 'dist', 'electron', 'cli.js');
if (!existsSync(cli)) {
  process.stderr.write('Auteur Studio is not built yet: run `npm run build` (or `npm start`, which builds first).\n');
  process.exit(1);
}
await import(pathToFileURL(cli).href);
