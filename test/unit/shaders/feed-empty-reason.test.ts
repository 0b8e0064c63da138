import { describe, expect, it } from 'vitest';
import type { FeedStatus } from '../../../shared/schemas/feed-status.js';
import { FeedStatus as FeedStatusSchema } from '../../../shared/schemas/feed-status.js';
import { feedEmptyReason } from '../../../renderer/studios/shaders/feed/empty-reason.js';

const PATHS = { jobs: '/jobs', edit: (id: string) => `/shaders/edit/${id}`, review: '/shaders/review', explore: '/shaders/explore', doctor: '/settings' };
const base: FeedStatus = { eligible: 0, seenRecently: 0, published: 0, hidden: 0, drafts: 0, renders: { pending: 0, rendering: 0, failed: 0 }, lastFailure: null };
const status = (p: Partial<FeedStatus>): FeedStatus => FeedStatusSchema.parse({ ...base, ...p });

describe('why the feed is empty', () => {
  it('an empty library: nothing published yet', () => {
    expect(feedEmptyReason(status({}), PATHS)).toMatchObject({ kind: 'nothing', title: 'Nothing in the feed yet', action: null });
  });

  it('renders still running say how many, and that the page updates itself', () => {
    const r = feedEmptyReason(status({ published: 45, renders: { pending: 40, rendering: 1, failed: 4 } }), PATHS);
    expect(r).toMatchObject({ kind: 'rendering', title: '41 shaders are rendering', action: { to: '/jobs' } });
    expect(r.detail).toMatch(/1 rendering now, 40 waiting/);
    expect(r.detail).toMatch(/4 renders failed/);
  });

  it('failed renders name the latest failure and link to the shader', () => {
    const r = feedEmptyReason(status({ drafts: 45, renders: { pending: 0, rendering: 0, failed: 45 }, lastFailure: { shaderId: 's1', title: 'Aurora', error: 'compile_error: line 3: undeclared identifier' } }), PATHS);
    expect(r).toMatchObject({ kind: 'failed', title: '45 renders failed, so nothing is in the feed', action: { label: 'Open "Aurora"', to: '/shaders/edit/s1' } });
    expect(r.detail).toMatch(/"Aurora" — compile_error: line 3/);
  });

  it('a renderer that could not run points to the Doctor, not to the code', () => {
    const r = feedEmptyReason(status({ drafts: 1, renders: { pending: 0, rendering: 0, failed: 1 }, lastFailure: { shaderId: 's1', title: 'A', error: 'The renderer could not run: browser_start: Chromium did not start' } }), PATHS);
    expect(r).toMatchObject({ kind: 'failed', action: { label: 'Open the Doctor', to: '/settings' } });
    expect(r.detail).toMatch(/could not run on this machine/);
    const busy = feedEmptyReason(status({ renders: { pending: 0, rendering: 0, failed: 1 }, lastFailure: { shaderId: 's1', title: 'A', error: 'budget: the machine is too busy' } }), PATHS);
    expect(busy.action).toMatchObject({ to: '/settings' });
  });

  it('everything private or held for review is "filtered", with the review queue', () => {
    expect(feedEmptyReason(status({ published: 2, hidden: 3 }), PATHS)).toMatchObject({ kind: 'hidden', title: 'Everything is filtered out', action: { to: '/shaders/review' } });
  });

  it('only drafts: publish one', () => {
    expect(feedEmptyReason(status({ drafts: 1 }), PATHS)).toMatchObject({ kind: 'drafts_only', detail: expect.stringMatching(/You have 1 draft;/) });
  });

  it('shaders in the feed but none served: all seen', () => {
    expect(feedEmptyReason(status({ eligible: 3, seenRecently: 3, published: 3 }), PATHS)).toMatchObject({ kind: 'all_seen', detail: expect.stringMatching(/All 3 shaders .* last 30 days/) });
  });

  it('before the counts arrive it claims nothing', () => {
    expect(feedEmptyReason(undefined, PATHS)).toMatchObject({ kind: 'loading', detail: 'Checking why…' });
  });
});
