import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Relay } from '../../relay/create-relay.js';
import { screenshot } from '../helpers/browser.js';
import { startCommunityE2E, type CommunityE2E } from '../helpers/community-e2e.js';
import type { HostProcess } from '../helpers/host-process.js';

// "Publish to community" on a shipped shader's detail page in system Chromium, against a real
// `auteur serve` signed in to a PGlite relay started here: the button follows the job to
// "Published", and the relay's new feed has the shader.

const tid = (id: string): string => `[data-testid="${id}"]`;
let relay: Relay;
let host: HostProcess;
let page: Page;
let errors: string[] = [];
let env: CommunityE2E;

beforeAll(async () => {
  env = await startCommunityE2E('community-publish');
  ({ relay, host, page, errors } = env);
}, 240_000);

afterAll(async () => {
  await env?.close();
});

describe('Publish to community', () => {
  it('publishes a shipped shader from its detail page and the relay lists it', async () => {
    await host.api('/community/settings', { method: 'PUT', json: { relayUrl: relay.url } });
    const reg = await host.api('/community/register', { method: 'POST', json: { username: 'lin', email: 'lin@example.test', password: 'correct horse battery' } });
    expect(reg.status).toBe(201);
    const feed = (await (await host.api('/feed?limit=5')).json()) as { items: { id: string; title: string }[] };
    const shader = feed.items[0]!;

    await page.goto(host.url); // signs the page in with the host token
    await page.locator(tid('shaders-feed')).waitFor({ state: 'visible', timeout: 30_000 });
    await page.goto(`${host.base}/shaders/s/${shader.id}`);
    const box = page.locator(tid('community-publish'));
    await box.waitFor({ state: 'visible', timeout: 30_000 });
    await box.locator(tid('community-publish-button')).click();
    await expect.poll(() => box.getAttribute('data-status'), { timeout: 30_000 }).toBe('published');
    expect(await box.textContent()).toMatch(/Published to community \(item [0-9a-f]{8}\)/);
    expect(await box.locator(tid('community-publish-button')).isDisabled()).toBe(true);
    await screenshot(page, 'community-publish');

    const items = ((await (await fetch(`${relay.url}/api/v1/feed/new`)).json()) as { items: { title: string; thumbnailUrl: string | null }[] }).items;
    expect(items.find((i) => i.title === shader.title)?.thumbnailUrl).toBeTruthy();
    expect(errors).toEqual([]);
  });
});
