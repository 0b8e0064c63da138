import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import type { CoreContext } from '../../host-context.js';
import type { CallRateLimiter, Principal } from '../principal.js';

export interface ToolDeps {
  server: McpServer;
  core: CoreContext;
  principal: Principal;
  limiter: CallRateLimiter;
}
