/**
 * `auteur doctor` and GET /system/doctor (Settings → Doctor) come from one function and agree:
 * the render check renders a real frame and says whether renders finish within the budget (one
 * measurement, shared for 10 minutes), the sandbox row says whether Chromium is sandboxed and why
 * not, and the data dir row checks the owner-only modes.
 */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { ConfigurationRow, DoctorProviderRow } from '../../shared/schemas/provider-status.js';
import type { ProbeResult } from '../../shared/schemas/system.js';
import { BIN, startHostProcess, tempHome, type HostProcess } from '../helpers/host-process.js';

const run = promisify(execFile);
const CLEAN_ENV = { OLLAMA_HOST: 'http://127.0.0.1:9', OPENAI_BASE_URL: '', OPENAI_API_KEY: '', ANTHROPIC_API_KEY: '', COMFYUI_URL: 'http://127.0.0.1:9', ELEVENLABS_API_KEY: '' };
type Doctor = { probes: ProbeResult[]; providers: DoctorProviderRow[]; configuration: ConfigurationRow[] };

let home: string;
let host: HostProcess;
beforeAll(async () => {
  home = tempHome('auteur-doctor-');
  host = await startHostProcess(home, CLEAN_ENV);
}, 60_000);
afterAll(() => host?.stop());

const probe = (d: Doctor, id: string) => d.probes.find((p) => p.id === id)!;

it('Settings → Doctor and `auteur doctor` show the same render check, sandbox state and providers', async () => {
  const api = (await (await host.api('/system/doctor')).json()) as Doctor;
  const render = probe(api, 'render-budget');
  expect(render.status, render.detail).not.toBe('missing');
  expect(['ok', 'warn', 'error']).toContain(render.status);
  // A real frame, measured, against the budget.
  expect(render.detail).toMatch(/a frame of a typical shader takes \d+ ms at 640×360/);
  expect(render.detail).toMatch(/of the 90 s budget/);
  expect(render.detail).toMatch(render.status === 'ok' ? /Renders finish in time/ : /lower tier|will not finish/);

  const sandbox = probe(api, 'chromium-sandbox');
  if (process.getuid?.() === 0) expect(sandbox).toMatchObject({ status: 'warn', detail: expect.stringMatching(/without its sandbox: .*root/) });
  else expect(['ok', 'warn']).toContain(sandbox.status);
  expect(probe(api, 'data-dir')).toMatchObject({ status: expect.stringMatching(/ok|warn/), detail: expect.stringMatching(/owner-only|GiB/) });

  const { stdout } = await run(process.execPath, [BIN, 'doctor', '--home', home, '--json'], { env: { ...process.env, ...CLEAN_ENV }, timeout: 120_000 }).catch((err: { stdout: string }) => ({ stdout: err.stdout }));
  const cli = JSON.parse(stdout) as Doctor;
  // The same measurement, not a second opinion.
  const cliRender = probe(cli, 'render-budget');
  expect(cliRender.status).toBe(render.status);
  expect(cliRender.detail.startsWith(render.detail)).toBe(true);
  expect(cliRender.detail).toMatch(/measured \d\d:\d\d UTC/);
  expect(probe(cli, 'chromium-sandbox')).toMatchObject({ status: sandbox.status, detail: sandbox.detail });
  const inUse = (d: Doctor) => d.providers.filter((r) => r.inUse).map((r) => `${r.capability}:${r.provider}:${r.model ?? ''}`).sort();
  expect(inUse(cli)).toEqual(inUse(api));
  // Nothing reachable has an LLM model here: llm is the embedded default, and Ollama is in use for nothing.
  expect(api.providers.filter((r) => r.provider === 'ollama' && r.inUse)).toEqual([]);

  // fresh=true measures again (no "measured at" note on a new measurement).
  const again = (await (await host.api('/system/doctor?fresh=true')).json()) as Doctor;
  expect(probe(again, 'render-budget').detail).not.toMatch(/measured \d\d:\d\d UTC/);
}, 240_000);
