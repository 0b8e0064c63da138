import type { HostContext } from '../../host-context.js';
import { toApiKeyView } from '../../api-keys/api-key-service.js';
import { CLAUDE_CONFIG_PATHS, claudeDesktopConfig, mcpLaunch } from '../../mcp/claude-config.js';
import type { RouteHandlers } from '../mount-routes.js';

export function apiKeyRoutes(ctx: HostContext): RouteHandlers {
  const keys = ctx.apiKeys;
  return {
    'apiKeys.list': () => ({ keys: keys.list(ctx.ownerUserId).map(toApiKeyView) }),
    'apiKeys.create': async ({ body }) => {
      const { key, row } = await keys.create(ctx.ownerUserId, body.name, body.trustTier);
      ctx.logger.info(`API key ${row.keyPrefix}… created (${row.trustTier})`);
      return { key, apiKey: toApiKeyView(row) };
    },
    'mcp.config': () => {
      const launch = mcpLaunch(ctx.dataDir.root);
      return { ...launch, claudeDesktopConfig: claudeDesktopConfig(launch), configPaths: CLAUDE_CONFIG_PATHS, httpUrl: `${ctx.origin.url}/mcp` };
    },
    'apiKeys.revoke': ({ params }) => {
      const row = keys.revoke(ctx.ownerUserId, params.id);
      ctx.logger.info(`API key ${row.keyPrefix}… revoked`);
      return toApiKeyView(row);
    },
  };
}
