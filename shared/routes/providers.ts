import { z } from 'zod';
import { ProviderOllamaPullInput } from '../jobs/provider-ollama-pull.js';
import { Job } from '../schemas/jobs.js';
import { ProviderSettingsUpdate, ProviderSettingsView } from '../schemas/provider-settings.js';
import { ProviderTestResponse, ProvidersResponse } from '../schemas/provider-status.js';
import { ProviderId } from '../schemas/providers.js';
import type { RouteSpec } from './route-spec.js';

export const PROVIDER_ROUTES = {
  'providers.list': {
    method: 'get', path: '/providers', tag: 'providers', auth: 'token',
    summary: 'Every capability with its providers, live status (cached ~5 s), the one in use and why',
    query: z.object({ refresh: z.enum(['true', 'false']).optional().describe('true skips the 5 s status cache') }),
    response: ProvidersResponse,
  },
  'providers.settings.get': {
    method: 'get', path: '/providers/settings', tag: 'providers', auth: 'token',
    summary: 'Provider settings with the source of each value; secrets only as { set, source }',
    response: ProviderSettingsView,
  },
  'providers.settings.update': {
    method: 'put', path: '/providers/settings', tag: 'providers', auth: 'token',
    summary: 'Partial update of provider settings; secrets are write-only (a string sets, null clears)',
    body: ProviderSettingsUpdate,
    response: ProviderSettingsView,
  },
  'providers.test': {
    method: 'post', path: '/providers/:id/test', tag: 'providers', auth: 'token',
    summary: "Runs the provider's tiny real call (one short completion, one word of speech …)",
    params: z.object({ id: ProviderId }),
    response: ProviderTestResponse,
  },
  'providers.ollama.pull': {
    method: 'post', path: '/providers/ollama/pull', tag: 'providers', auth: 'token',
    summary: 'Queue a provider.ollama.pull job that downloads a model into the configured Ollama',
    body: ProviderOllamaPullInput,
    response: Job,
    status: 201,
  },
} as const satisfies Record<string, RouteSpec>;
