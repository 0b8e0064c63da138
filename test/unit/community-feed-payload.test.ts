import { describe, expect, it } from 'vitest';
import { shaderSourceFromPayload } from '../../shared/community/shader-payload.js';
import { CommunityFeedQuery } from '../../shared/schemas/community-feed.js';
import { parseStudioLocation, studioPaths, tabOf } from '../../renderer/studios/shaders/nav-paths.js';

const MAIN = 'void mainImage(out vec4 c, in vec2 f) { c = vec4(1.0); }';

describe('community shader payloads', () => {
  it('reads the app’s multi-pass JSON and a bare mainImage program', () => {
    const multi = { image: { code: MAIN }, common: 'float k = 1.0;' };
    const a = shaderSourceFromPayload(JSON.stringify(multi));
    expect('source' in a && a.source.image.code).toBe(MAIN);
    const b = shaderSourceFromPayload(`  ${MAIN}\n`);
    expect('source' in b && b.source.image.code).toBe(MAIN);
  });

  it('says why a payload is not a shader', () => {
    expect(shaderSourceFromPayload('{"manifest":1}')).toEqual({ error: expect.stringMatching(/not a shader source/) });
    expect(shaderSourceFromPayload('{broken json')).toEqual({ error: expect.stringMatching(/not a shader source/) });
    expect(shaderSourceFromPayload('gl_FragColor = vec4(1.0);')).toEqual({ error: 'It has no mainImage program.' });
    expect(shaderSourceFromPayload(`${MAIN}\n//${'x'.repeat(70_000)}`)).toEqual({ error: 'Its code is larger than 64 KB.' });
  });
});

describe('community feed contracts and addresses', () => {
  it('defaults to trending and refuses unknown sorts and non-numeric cursors', () => {
    expect(CommunityFeedQuery.parse({})).toMatchObject({ sort: 'trending', limit: 24 });
    expect(CommunityFeedQuery.safeParse({ sort: 'hot' }).success).toBe(false);
    expect(CommunityFeedQuery.safeParse({ cursor: '1; drop' }).success).toBe(false);
  });

  it('the Community tab and an item are addressable and belong to the Community tab', () => {
    const list = parseStudioLocation(studioPaths.community({ sort: 'new', kind: 'shader' }));
    expect(list.view).toBe('community');
    expect(list.view === 'community' && list.params.get('sort')).toBe('new');
    const item = parseStudioLocation(studioPaths.communityItem('0b7c1a5e-2f7e-4a44-9b7c-6f3f1f0f9a11'));
    expect(item).toEqual({ view: 'communityItem', id: '0b7c1a5e-2f7e-4a44-9b7c-6f3f1f0f9a11' });
    expect([tabOf(list), tabOf(item)]).toEqual(['community', 'community']);
  });
});
