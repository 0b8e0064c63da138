import { z } from 'zod';
import { ApiKeyList, ApiKeyView, CreateApiKeyRequest, CreatedApiKey } from '../schemas/api-keys.js';
import { IdParams } from './core.js';
import type { RouteSpec } from './route-spec.js';

export const API_KEY_ROUTES = {
  'apiKeys.list': { method: 'get', path: '/me/api-keys', summary: 'API keys for MCP clients (prefix and stats only)', tag: 'api-keys', auth: 'token', response: ApiKeyList },
  'apiKeys.create': {
    method: 'post', path: '/me/api-keys', summary: 'Create an API key; the key is returned once and stored only as a slow hash', tag: 'api-keys', auth: 'token',
    body: CreateApiKeyRequest, response: CreatedApiKey, status: 201,
  },
  'apiKeys.revoke': { method: 'delete', path: '/me/api-keys/:id', summary: 'Revoke an API key at once', tag: 'api-keys', auth: 'token', params: IdParams, response: ApiKeyView },
  'mcp.config': {
    method: 'get', path: '/mcp/config', summary: 'How to connect an AI agent: the claude_desktop_config.json entry for this install, and the HTTP endpoint', tag: 'api-keys', auth: 'token',
    response: z.object({
      command: z.string(),
      args: z.array(z.string()),
      env: z.record(z.string(), z.string()),
      claudeDesktopConfig: z.string().describe('A complete claude_desktop_config.json to paste, or merge its mcpServers entry'),
      configPaths: z.object({ macos: z.string(), windows: z.string(), linux: z.string() }),
      httpUrl: z.string().describe('Streamable HTTP endpoint; needs an API key'),
    }),
  },
} as const satisfies Record<string, RouteSpec>;
