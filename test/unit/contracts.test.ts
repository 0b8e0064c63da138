import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { JOB_KINDS } from '../../shared/jobs/registry.js';
import { buildOpenApi } from '../../shared/openapi.js';
import { buildPath, ROUTES } from '../../shared/routes.js';
import { TASKS } from '../../worker/tasks/index.js';
import { tempHome } from '../helpers/host-process.js';
// @ts-expect-error plain ESM script without types
import { checkImports } from '../../scripts/check-imports.mjs';

describe('shared contracts', () => {
  it('has one route per method+path and every path param is declared', () => {
    const seen = new Set<string>();
    for (const [id, r] of Object.entries(ROUTES)) {
      const key = `${r.method} ${r.path}`;
      expect(seen.has(key), `${id} duplicates ${key}`).toBe(false);
      seen.add(key);
      const names = [...r.path.matchAll(/:([A-Za-z_]+)/g)].map((m) => m[1]);
      const declared = Object.keys(('params' in r && r.params?.shape) || {});
      expect(declared.sort(), id).toEqual(names.sort());
    }
  });

  it('builds paths and refuses missing params', () => {
    expect(buildPath('/jobs/:id/cancel', { id: 'a b' })).toBe('/jobs/a%20b/cancel');
    expect(() => buildPath('/jobs/:id', {})).toThrow(/Missing path parameter "id"/);
  });

  it('generates an OpenAPI operation for every route', () => {
    const doc = buildOpenApi('test') as { paths: Record<string, Record<string, { operationId: string }>> };
    const ops = Object.values(doc.paths).flatMap((p) => Object.values(p).map((o) => o.operationId));
    expect(ops.sort()).toEqual(Object.keys(ROUTES).sort());
  });

  it('has a worker handler for every job kind', () => {
    expect(Object.keys(TASKS).sort()).toEqual(JOB_KINDS.map((k) => k.kind).sort());
  });
});

describe('import layering check', () => {
  it('passes on this repository', () => {
    expect(checkImports(new URL('../../', import.meta.url).pathname)).toEqual([]);
  });

  it('catches each kind of violation', () => {
    const root = tempHome('auteur-layers-');
    const put = (p: string, src: string) => {
      mkdirSync(join(root, p, '..'), { recursive: true });
      writeFileSync(join(root, p), src);
    };
    put('electron/host/a.ts', "import { app } from 'electron';\n");
    put('renderer/b.tsx', "import { x } from '../worker/x.js';\nimport fs from 'node:fs';\n");
    put('worker/c.ts', "import { y } from '../electron/host/y.js';\n");
    put('shared/d.ts', "import { z } from '../renderer/z.js';\n");
    put('electron/shell/ok.ts', "import { app } from 'electron';\nimport { h } from '../host/h.js';\n");
    put('electron/host/comment.ts', "// a sandboxed preload can only require('electron')\n");
    const v = checkImports(root) as string[];
    expect(v).toHaveLength(5);
    expect(v.join('\n')).toMatch(/electron\/host\/a\.ts: imports 'electron'/);
    expect(v.join('\n')).toMatch(/renderer\/b\.tsx: imports worker\/x\.js/);
    expect(v.join('\n')).toMatch(/renderer\/b\.tsx: imports Node built-in 'node:fs'/);
    expect(v.join('\n')).toMatch(/worker\/c\.ts: imports electron\/host\/y\.js/);
    expect(v.join('\n')).toMatch(/shared\/d\.ts: imports renderer\/z\.js/);
  });

  it('refuses a studio importing another studio sideways, not shared places', () => {
    const root = tempHome('auteur-studios-');
    const put = (p: string, src: string) => {
      mkdirSync(join(root, p, '..'), { recursive: true });
      writeFileSync(join(root, p), src);
    };
    put('renderer/studios/shots/a.tsx', "import { h } from '../shaders/api/hooks.js';\nimport { m } from '../../api/authed-media.js';\n");
    put('electron/host/shots/b.ts', "import { s } from '../shaders/services.js';\nimport { j } from '../jobs/job-store.js';\nimport { c } from '../../../shared/shots/continuity.js';\n");
    put('worker/shots/c.ts', "import { q } from '../../shared/shaders/source.js';\n");
    const v = checkImports(root) as string[];
    expect(v).toHaveLength(3);
    expect(v.join('\n')).toMatch(/renderer\/studios\/shots\/a\.tsx: imports renderer\/studios\/shaders\/api\/hooks\.js — the shots studio may not import the shaders studio/);
    expect(v.join('\n')).toMatch(/electron\/host\/shots\/b\.ts: imports electron\/host\/shaders\/services\.js/);
    expect(v.join('\n')).toMatch(/worker\/shots\/c\.ts: imports shared\/shaders\/source\.js/);
  });
});
