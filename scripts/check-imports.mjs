#!/usr/bin/env node
// Layering rule check (part of `npm test`): shared ← worker ← electron/host ← electron/shell,
// shared ← rooms ← electron/host and relay (server-side realtime rooms both run),
// renderer → shared only; and no studio imports another sideways (what two studios need moves
// down to a shared place). Exits 1 listing every violation.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

const BUILTINS = new Set(builtinModules.flatMap((m) => [m, `node:${m}`]));
const SPEC = /(?:import|export)\s[^'"]*?from\s*['"]([^'"]+)['"]|import\s*\(\s*['"]([^'"]+)['"]\s*\)|require\(\s*['"]([^'"]+)['"]\s*\)|^\s*import\s+['"]([^'"]+)['"]/gm;

function files(dir) {
  let out = [];
  let entries;
  try {
    entries = readdirSync(dir);
  } catch {
    return out;
  }
  for (const e of entries) {
    if (e === 'node_modules' || e === 'dist') continue;
    const p = join(dir, e);
    if (statSync(p).isDirectory()) out = out.concat(files(p));
    else if (/\.(ts|tsx|cts|mts)$/.test(e) && !e.endsWith('.d.ts')) out.push(p);
  }
  return out;
}

/** Which layer a repo-relative path belongs to. */
function layerOf(rel) {
  const parts = rel.split(sep);
  if (parts[0] === 'electron') return parts[1] === 'shell' ? 'shell' : 'host';
  return parts[0];
}

/** A studio keeps one folder name in every layer (renderer/studios/shots, electron/host/shots, worker/shots, shared/shots …). */
const STUDIOS = new Set(['shaders', 'video', 'world', 'shots']);

/** The studio a repo-relative path belongs to, or null for shared infrastructure. */
function studioOf(rel) {
  return rel.split(sep).slice(1).find((p) => STUDIOS.has(p)) ?? null;
}

const RULES = {
  shared: { may: ['shared'], builtins: false, electron: false },
  worker: { may: ['shared', 'worker'], builtins: true, electron: false },
  // rooms: server-side realtime rooms (Colyseus) run by both the desktop host and the relay.
  rooms: { may: ['shared', 'rooms'], builtins: true, electron: false },
  host: { may: ['shared', 'worker', 'rooms', 'host'], builtins: true, electron: false },
  shell: { may: ['shared', 'worker', 'rooms', 'host', 'shell'], builtins: true, electron: true },
  renderer: { may: ['shared', 'renderer'], builtins: false, electron: false },
  relay: { may: ['shared', 'rooms', 'relay'], builtins: true, electron: false },
};

export function checkImports(root) {
  const violations = [];
  for (const top of ['shared', 'worker', 'rooms', 'electron', 'renderer', 'relay']) {
    for (const file of files(join(root, top))) {
      const rel = relative(root, file);
      const layer = layerOf(rel);
      const rule = RULES[layer];
      if (!rule) continue;
      // Comments may mention modules ("cannot require('electron')"); only code counts.
      const src = readFileSync(file, 'utf8').replace(/\/\*[\s\S]*?\*\//g, '').replace(/^\s*\/\/.*$/gm, '');
      for (const m of src.matchAll(SPEC)) {
        const spec = m[1] ?? m[2] ?? m[3] ?? m[4];
        if (!spec) continue;
        if (spec === 'electron' || spec.startsWith('electron/')) {
          if (!rule.electron) violations.push(`${rel}: imports '${spec}' — only electron/shell may import electron`);
        } else if (spec.startsWith('.')) {
          const target = relative(root, resolve(dirname(file), spec));
          const targetLayer = layerOf(target);
          if (!rule.may.includes(targetLayer)) violations.push(`${rel}: imports ${target} — ${layer} may import only ${rule.may.join(', ')}`);
          const from = studioOf(rel);
          const to = studioOf(target);
          if (from && to && from !== to) violations.push(`${rel}: imports ${target} — the ${from} studio may not import the ${to} studio; move what both need down to a shared place`);
        } else if (BUILTINS.has(spec) || spec.startsWith('node:')) {
          if (!rule.builtins) violations.push(`${rel}: imports Node built-in '${spec}' — ${layer} runs in the browser too`);
        }
      }
    }
  }
  return violations;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
  const v = checkImports(root);
  if (v.length) {
    process.stderr.write(`Import layering violations (${v.length}):\n${v.map((x) => `  ${x}`).join('\n')}\n`);
    process.exit(1);
  }
  process.stdout.write('import layering: ok\n');
}
