import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type Database_ } from '../../electron/host/db/connection.js';
import { createLogger } from '../../electron/host/logger.js';
import { WikiClient } from '../../electron/host/video/wiki-client.js';
import { closedPortUrl } from '../fixtures/fake-http.js';
import { FakeWikipedia } from '../fixtures/fake-wikipedia.js';
import { tempHome } from '../helpers/host-process.js';

let db: Database_;
let wiki: FakeWikipedia;
const logger = createLogger(tempHome('auteur-video-wiki-logs-'), { echo: () => undefined });

beforeAll(async () => {
  db = openDatabase(join(tempHome('auteur-video-wiki-'), 'studio.db'));
  wiki = await new FakeWikipedia().start();
});
afterAll(async () => {
  db?.close();
  await wiki?.close();
});

describe('Wikipedia REST summary client (real SQLite cache, fake Wikipedia)', () => {
  it('fetches a summary with its source link, then answers from the cache without a request', async () => {
    const client = new WikiClient({ database: db, logger }, wiki.url);
    const first = await client.summary('Eddystone Lighthouse');
    expect(first).toMatchObject({
      status: 'ok',
      title: 'Eddystone Lighthouse',
      description: 'Lighthouse in Cornwall, England',
      url: 'https://en.wikipedia.org/wiki/Eddystone_Lighthouse',
      thumbnailUrl: 'https://upload.wikimedia.org/eddystone.jpg',
      cached: false,
    });
    expect(first.status === 'ok' && first.extract).toMatch(/^The Eddystone Lighthouse is a lighthouse/);
    expect(wiki.hits('Eddystone Lighthouse')).toBe(1);
    expect(wiki.requests.at(-1)!.headers['user-agent']).toMatch(/^AuteurStudio\//);

    // Another client on the same database (a restarted host) reads the SQLite cache.
    const again = await new WikiClient({ database: db, logger }, wiki.url).summary('Eddystone Lighthouse');
    expect(again).toMatchObject({ status: 'ok', title: 'Eddystone Lighthouse', cached: true });
    expect(wiki.hits('Eddystone Lighthouse')).toBe(1);
  });

  it('a missing page is not_found (and cached); an upstream error is a 502, not a made-up summary', async () => {
    const client = new WikiClient({ database: db, logger }, wiki.url);
    expect(await client.summary('Zzyzx Lamp Keeper')).toMatchObject({ status: 'not_found', message: 'Wikipedia has no article titled "Zzyzx Lamp Keeper"', cached: false });
    expect(await client.summary('Zzyzx Lamp Keeper')).toMatchObject({ status: 'not_found', cached: true });
    expect(wiki.hits('Zzyzx Lamp Keeper')).toBe(1);
    wiki.failNext = 1;
    await expect(client.summary('Lighthouse')).rejects.toMatchObject({ status: 502, message: expect.stringMatching(/Wikipedia answered HTTP 503/) });
    expect(await client.summary('Lighthouse')).toMatchObject({ status: 'ok', title: 'Lighthouse' });
  });

  it('offline it says summaries need the network, and caches nothing', async () => {
    const client = new WikiClient({ database: db, logger }, await closedPortUrl());
    const r = await client.summary('Fresnel lens');
    expect(r).toMatchObject({ status: 'offline', title: 'Fresnel lens', message: expect.stringMatching(/^Wikipedia summaries need the network; 127\.0\.0\.1:\d+ could not be reached \(ECONNREFUSED\)/) });
    const online = await new WikiClient({ database: db, logger }, wiki.url).summary('Fresnel lens');
    expect(online).toMatchObject({ status: 'not_found', cached: false });
    // Offline with a cached page: the cached page, marked as cached.
    expect(await client.summary('Lighthouse')).toMatchObject({ status: 'ok', title: 'Lighthouse', cached: true });
  });
});
