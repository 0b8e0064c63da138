import { describe, expect, it } from 'vitest';
import { resolveEffective } from '../../electron/host/providers/provider-settings.js';
import { ProviderSettingsUpdate, type ProviderSettingsView } from '../../shared/schemas/provider-settings.js';
import { ApiRequestError } from '../../renderer/api/errors.js';
import { buildUpdate, draftFromView, fieldErrors, isDirty } from '../../renderer/settings/providers/form-state.js';

/** A view as the host builds it (saved Ollama model, COMFYUI_URL from env). */
function view(): ProviderSettingsView {
  const eff = resolveEffective({ ollama: { models: { llm: 'llama3.2:latest' } }, choice: { llm: 'ollama' } }, new Map([['anthropic', { value: 'saved-key-123456' }]]), {
    COMFYUI_URL: 'http://env:8188',
  });
  return { fields: eff.fields, secrets: eff.secrets, choice: eff.choice, encryption: { kind: 'aes-256-gcm', detail: 'test' } };
}

describe('Settings → Providers form state', () => {
  it('sends only what changed, emptied fields as null, never env-set fields', () => {
    const v = view();
    const draft = draftFromView(v);
    expect(isDirty(draft, v)).toBe(false);
    expect(buildUpdate(draft, v)).toEqual({});

    draft.fields['ollama.models.llm'] = '';
    draft.fields['whisper.model'] = ' small.en ';
    draft.fields['comfyui.url'] = 'http://typed-anyway:1';
    draft.choice.llm = 'auto';
    draft.choice.tts = 'espeak';
    draft.secrets = { anthropic: null, openai: 'sk-new-openai-key', elevenlabs: '   ' };
    const update = buildUpdate(draft, v);
    expect(update).toEqual({
      ollama: { models: { llm: null } },
      whisper: { model: 'small.en' },
      choice: { llm: null, tts: 'espeak' },
      secrets: { anthropic: null, openai: 'sk-new-openai-key' },
    });
    // What the form builds is what the host accepts.
    expect(ProviderSettingsUpdate.safeParse(update).success).toBe(true);
  });

  it('maps validation issues from the host onto field paths', () => {
    const err = new ApiRequestError({
      status: 400,
      code: 'validation_failed',
      message: 'Invalid request body',
      details: [
        { path: ['ollama', 'url'], message: 'must be an http:// or https:// URL' },
        { path: ['secrets', 'anthropic'], message: 'looks too short for an API key' },
      ],
    });
    expect(fieldErrors(err)).toEqual({ 'ollama.url': 'must be an http:// or https:// URL', 'secrets.anthropic': 'looks too short for an API key' });
    expect(fieldErrors(new Error('network'))).toEqual({});
  });
});
