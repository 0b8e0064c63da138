/**
 * The Jobs page on a real host: renders whose shader is broken are failed jobs (red, with the
 * compiler's reason inline, never "Succeeded 100%"), runs of one kind are grouped, the status and
 * kind filters and paging work against GET /jobs and GET /jobs/counts.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import type { JobCounts, JobList } from '../../shared/schemas/jobs.js';
import { launchBrowser, screenshot } from '../helpers/browser.js';
import { startHostProcess, tempHome, type HostProcess } from '../helpers/host-process.js';
import { createJob, waitForJob } from '../helpers/jobs.js';
import { assertRuntimeBuilt } from '../helpers/shader-runtime.js';

const tid = (id: string): string => `[data-testid="${id}"]`;
// Passes the static checks, fails in the GLSL compiler.
const BROKEN = 'void mainImage(out vec4 c, in vec2 f) {\n  c = vec4(f, nope, 1.0);\n}';
const TERMINAL = ['succeeded', 'completed_with_problems', 'failed', 'cancelled'];

let host: HostProcess;
let browser: Browser;
let page: Page;
const renderIds: string[] = [];

beforeAll(async () => {
  assertRuntimeBuilt();
  [host, browser] = await Promise.all([startHostProcess(tempHome('auteur-e2e-jobs-')), launchBrowser()]);
  for (let i = 0; i < 3; i++) {
    const { status, job } = await createJob(host, { kind: 'shader.render', input: { source: { image: { code: BROKEN } }, width: 64, height: 36, fps: 10, seconds: 0.2 } });
    expect(status).toBe(201);
    renderIds.push(job.id);
  }
  const { job: diag } = await createJob(host, { kind: 'system.diagnose', input: {} });
  for (const id of [...renderIds, diag.id]) await waitForJob(host, id, (j) => TERMINAL.includes(j.status), `job ${id} to end`, 150_000);
  page = await (await browser.newContext({ viewport: { width: 1280, height: 900 } })).newPage();
}, 240_000);

afterAll(async () => {
  await browser?.close().catch(() => undefined);
  await host?.stop();
});

describe('Jobs page', () => {
  it('the API pages with a cursor and counts per status and kind', async () => {
    const counts = (await (await host.api('/jobs/counts')).json()) as JobCounts;
    expect(counts.byStatus.failed).toBe(3);
    expect(counts.byKind.find((k) => k.kind === 'shader.render')).toMatchObject({ total: 3, byStatus: { failed: 3, succeeded: 0 } });
    const first = (await (await host.api('/jobs?limit=2')).json()) as JobList;
    expect(first.jobs).toHaveLength(2);
    expect(first.nextCursor).toBeTruthy();
    const second = (await (await host.api(`/jobs?limit=2&cursor=${encodeURIComponent(first.nextCursor!)}`)).json()) as JobList;
    expect(second.jobs).toHaveLength(2);
    expect(second.nextCursor).toBeNull();
    expect(new Set([...first.jobs, ...second.jobs].map((j) => j.id)).size).toBe(4);
    expect((await host.api('/jobs?cursor=garbage')).status).toBe(400);
  });

  it('shows failed renders as failed, grouped, with the reason inline', async () => {
    await page.goto(`${host.base}/jobs?token=${host.token}`);
    const group = page.locator(tid('job-group'));
    await group.waitFor({ state: 'visible', timeout: 20_000 });
    expect(await group.getAttribute('data-count')).toBe('3');
    expect(await group.locator('.job-group-count').innerText()).toBe('3 ×');
    expect(await group.locator(tid('job-group-failed')).innerText()).toMatch(/Failed\s*3/);
    expect(await group.locator(tid('job-group-succeeded')).count()).toBe(0);
    expect(await group.locator(tid('job-group-reasons')).innerText()).toMatch(/3 ×.*nope/s);
    await screenshot(page, 'jobs-grouped-failed-renders');

    await group.locator(tid('job-group-toggle')).click();
    const rows = group.locator(`${tid('job-row')}[data-kind="shader.render"]`);
    expect(await rows.count()).toBe(3);
    for (const row of await rows.all()) {
      expect(await row.getAttribute('data-status')).toBe('failed');
      expect(await row.locator('.badge').first().innerText()).toBe('Failed');
      expect(await row.locator(tid('job-error')).innerText()).toMatch(/nope/);
      expect(await row.locator('.progress-pct').count()).toBe(0); // no "100%" beside a failure
      // The shader is at fault: a retry would fail the same way, so the row says why instead.
      expect(await row.locator(tid('job-retry')).count()).toBe(0);
      expect(await row.locator(tid('job-retry-refusal')).innerText()).toMatch(/the shader is at fault: fix the code and save again/);
    }
  });

  it('the API refuses to retry a render whose shader is at fault (409, saying why)', async () => {
    const r = await host.api(`/jobs/${renderIds[0]}/retry`, { method: 'POST' });
    const body = await r.text();
    expect(r.status, body).toBe(409);
    expect(body).toMatch(/the shader is at fault: fix the code and save again/);
  });

  it('filters by status and by kind', async () => {
    await page.locator(tid('job-filter-failed')).click();
    await page.locator(`${tid('job-filter-failed')}[aria-pressed="true"]`).waitFor();
    await expect.poll(() => page.locator(`${tid('job-row')}[data-kind="system.diagnose"]`).count(), { timeout: 10_000 }).toBe(0);
    expect(await page.locator(tid('job-filter-failed')).innerText()).toMatch(/Failed\s*3/);
    await page.locator(tid('job-filter-all')).click();
    await page.locator(tid('job-filter-kind')).selectOption('shader.render');
    // Filtered to one kind: the jobs themselves, not a group.
    await expect.poll(() => page.locator(`${tid('job-list')} > ${tid('job-row')}`).count(), { timeout: 10_000 }).toBe(3);
    expect(await page.locator(tid('job-group')).count()).toBe(0);
    await screenshot(page, 'jobs-filtered-shader-render');
  });
});
