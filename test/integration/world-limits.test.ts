import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ProviderSettingsView } from '../../shared/schemas/provider-settings.js';
import { DEFAULT_WORLD_SETTINGS } from '../../shared/schemas/world.js';
import type { WorldWithEntities } from '../../shared/schemas/world-api.js';
import { errorOf, json } from '../helpers/api-json.js';
import { startHostProcess, tempHome, type HostProcess } from '../helpers/host-process.js';

// World import above the API's global 2 MB JSON limit (its own 64 MB cap, said in the 413), and
// the Meshy key in Settings → Providers (encrypted at rest, write-only; MESHY_API_KEY still wins).

const SECRET = `msy-INTEGRATION-${Date.now()}-never-shown`;
const ENV_KEY = `msy-ENV-${Date.now()}-from-env`;
let home: string;
let host: HostProcess;

beforeAll(async () => {
  home = tempHome('auteur-world-limits-');
  host = await startHostProcess(home, { MESHY_API_KEY: '', MESHY_BASE_URL: '' });
}, 60_000);
afterAll(async () => {
  await host?.stop();
});

/** A world file of `n` entities, pretty-printed as a person would keep it in git. */
function worldFile(n: number): string {
  const entities = Array.from({ length: n }, (_, i) => ({
    id: `e${i}`,
    name: `Fence post ${i} `.padEnd(120, '·'),
    transform: { position: [(i % 50) * 1.5, 0, Math.floor(i / 50) * 1.5], rotation: [0, 0, 0, 1], scale: [1, 1, 1] },
    physics: { bodyType: 'static', massKg: 12, gravityScale: 1, friction: 0.6, restitution: 0.1, collider: 'box' },
    placeholder: { scaleMeters: [0.2, 1.2, 0.2], color: '#8a6a44', roughness: 0.8, collider: 'box' },
  }));
  return JSON.stringify({ format: 'auteur-world', version: 2, name: 'Big fence', settings: { ...DEFAULT_WORLD_SETTINGS, budget: { maxEntities: 5000, maxTriangles: 200_000 } }, entities, terrain: [] }, null, 2);
}

describe('world file import size', () => {
  it('imports a world file larger than 2 MB through its own limit', async () => {
    const body = worldFile(3000);
    expect(body.length).toBeGreaterThan(2 * 1024 * 1024);
    const res = await host.api('/world/worlds/import', { method: 'POST', body, headers: { 'Content-Type': 'application/json' } });
    const got = await json<WorldWithEntities>(res, 201);
    expect(got.world).toMatchObject({ name: 'Big fence', entityCount: 3000 });
    expect(got.entities[2999]!.name).toMatch(/^Fence post 2999/);
  }, 60_000);

  it('refuses a file over 64 MB saying the limit, and other routes keep the 2 MB one', async () => {
    const huge = `{"format":"auteur-world","pad":"${'x'.repeat(65 * 1024 * 1024)}"}`;
    const err = await errorOf(await host.api('/world/worlds/import', { method: 'POST', body: huge, headers: { 'Content-Type': 'application/json' } }), 413);
    expect(err).toMatchObject({ code: 'payload_too_large' });
    expect(err.message).toMatch(/A world file may be at most 64 MB \(this one is 65 MB\)/);
    const big = JSON.stringify({ name: 'x'.repeat(3 * 1024 * 1024) });
    const other = await errorOf(await host.api('/world/worlds', { method: 'POST', body: big, headers: { 'Content-Type': 'application/json' } }), 413);
    expect(other.message).toMatch(/larger than this route accepts/);
  }, 60_000);

  it('does not read a large body for a caller without the token', async () => {
    const res = await fetch(`${host.base}/api/v1/world/worlds/import`, { method: 'POST', body: worldFile(3000), headers: { 'Content-Type': 'application/json' } });
    // The 2 MB parser answers first: the large one is only for token holders.
    expect([401, 413]).toContain(res.status);
  }, 60_000);
});

describe('Meshy key in Settings → Providers', () => {
  it('saves it encrypted, never shows it, and reports where it came from', async () => {
    const put = await json<ProviderSettingsView>(
      await host.api('/providers/settings', { method: 'PUT', json: { secrets: { meshy: SECRET }, meshy: { url: 'http://127.0.0.1:9/meshy' } } }),
    );
    expect(put.secrets.meshy).toEqual({ set: true, source: 'settings', env: null, saved: true, error: null });
    expect(put.fields['meshy.url']).toMatchObject({ value: 'http://127.0.0.1:9/meshy', source: 'settings' });
    const res = await host.api('/providers/settings');
    const text = await res.text();
    expect(text).not.toContain(SECRET);
    expect((JSON.parse(text) as ProviderSettingsView).secrets.meshy.set).toBe(true);
    for (const f of readdirSync(home).filter((n) => n.startsWith('studio.db'))) expect(readFileSync(join(home, f)).includes(SECRET), f).toBe(false);
    // Cleared with null.
    const cleared = await json<ProviderSettingsView>(await host.api('/providers/settings', { method: 'PUT', json: { secrets: { meshy: null } } }));
    expect(cleared.secrets.meshy).toMatchObject({ set: false, source: 'default' });
  }, 60_000);

  it('MESHY_API_KEY still configures it, and wins over Settings', async () => {
    const envHost = await startHostProcess(tempHome('auteur-world-meshy-env-'), { MESHY_API_KEY: ENV_KEY, MESHY_BASE_URL: '' });
    try {
      await json(await envHost.api('/providers/settings', { method: 'PUT', json: { secrets: { meshy: SECRET } } }));
      const view = await json<ProviderSettingsView>(await envHost.api('/providers/settings'));
      expect(view.secrets.meshy).toMatchObject({ set: true, source: 'env', env: 'MESHY_API_KEY', saved: true });
      expect(JSON.stringify(view)).not.toContain(ENV_KEY);
    } finally {
      await envHost.stop();
    }
  }, 60_000);
});
