import { describe, expect, it } from 'vitest';
import { resolveEffective } from '../../electron/host/providers/provider-settings.js';
import { ProviderSettingsUpdate } from '../../shared/schemas/provider-settings.js';

describe('Gemini API key and base URL (Veo)', () => {
  it('defaults to Google with no key; settings then env decide, env wins', () => {
    const none = resolveEffective({}, new Map(), {});
    expect(none.config.gemini).toEqual({ url: 'https://generativelanguage.googleapis.com', apiKey: null });
    expect(none.secrets.gemini).toMatchObject({ set: false, source: 'default' });

    const saved = resolveEffective({ gemini: { url: 'http://127.0.0.1:9999' } }, new Map([['gemini', { value: 'saved-gemini-123' }]]), {});
    expect(saved.config.gemini).toEqual({ url: 'http://127.0.0.1:9999', apiKey: 'saved-gemini-123' });
    expect(saved.secrets.gemini).toMatchObject({ set: true, source: 'settings' });

    const env = resolveEffective({ gemini: { url: 'http://127.0.0.1:9999' } }, new Map([['gemini', { value: 'saved-gemini-123' }]]), { GEMINI_API_KEY: 'env-gemini-456', GEMINI_BASE_URL: 'http://proxy:8080' });
    expect(env.config.gemini).toEqual({ url: 'http://proxy:8080', apiKey: 'env-gemini-456' });
    expect(env.secrets.gemini).toMatchObject({ set: true, source: 'env', env: 'GEMINI_API_KEY', saved: true });
    expect(env.fields['gemini.url']).toMatchObject({ source: 'env', env: 'GEMINI_BASE_URL', saved: 'http://127.0.0.1:9999' });
  });

  it('takes the key as a write-only secret and refuses a base URL that is not http(s)', () => {
    expect(ProviderSettingsUpdate.safeParse({ secrets: { gemini: 'AIzaSyExample123' } }).success).toBe(true);
    expect(ProviderSettingsUpdate.safeParse({ gemini: { url: 'ftp://x' } }).success).toBe(false);
  });
});
