import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import type { RequestHandlerExtra } from '@modelcontextprotocol/sdk/shared/protocol.js';
import type { CallToolResult, ServerNotification, ServerRequest } from '@modelcontextprotocol/sdk/types.js';
import type { z } from 'zod';
import { MCP_TOOL_INPUTS, type McpToolName } from '../../../shared/mcp/tools.js';
import { AppError } from '../errors.js';
import type { CoreContext } from '../host-context.js';
import { assertToolAllowed, McpPermissionError, type CallRateLimiter, type Principal } from './principal.js';

export interface ToolEnv {
  core: CoreContext;
  principal: Principal;
  signal: AbortSignal;
  /** True when the client sent a progressToken: it wants notifications and will wait for them. */
  wantsProgress: boolean;
  /** Sends notifications/progress when the client asked for them (a progressToken in _meta). */
  progress(fraction: number, message?: string): Promise<void>;
}

export type ToolHandler<N extends McpToolName> = (args: z.infer<(typeof MCP_TOOL_INPUTS)[N]>, env: ToolEnv) => Promise<CallToolResult>;

export function textResult(text: string, structured?: Record<string, unknown>): CallToolResult {
  return { content: [{ type: 'text', text }], ...(structured ? { structuredContent: structured } : {}) };
}

export function jsonResult(value: Record<string, unknown>): CallToolResult {
  return { content: [{ type: 'text', text: JSON.stringify(value, null, 2) }], structuredContent: value };
}

export function errorResult(message: string): CallToolResult {
  return { content: [{ type: 'text', text: message }], isError: true };
}

/**
 * Registers one tool with its shared input schema. Domain failures (not found, permission,
 * rate limit, bad GLSL) come back as `isError` results the agent can read and act on;
 * argument validation errors are the SDK's own (they name the field).
 */
export function registerTool<N extends McpToolName>(
  server: McpServer,
  name: N,
  meta: { title: string; description: string },
  deps: { core: CoreContext; principal: Principal; limiter: CallRateLimiter },
  handler: ToolHandler<N>,
): void {
  const schema = MCP_TOOL_INPUTS[name];
  server.registerTool(name, { title: meta.title, description: meta.description, inputSchema: schema.shape }, async (args: unknown, extra: RequestHandlerExtra<ServerRequest, ServerNotification>) => {
    try {
      assertToolAllowed(deps.principal, name);
      deps.limiter.check(deps.principal);
      const token = extra._meta?.progressToken;
      const env: ToolEnv = {
        core: deps.core,
        principal: deps.principal,
        signal: extra.signal,
        wantsProgress: token !== undefined,
        progress: async (fraction, message) => {
          if (token === undefined) return;
          await extra.sendNotification({ method: 'notifications/progress', params: { progressToken: token, progress: Math.round(fraction * 100), total: 100, ...(message ? { message } : {}) } });
        },
      };
      return await handler(schema.parse(args) as z.infer<(typeof MCP_TOOL_INPUTS)[N]>, env);
    } catch (err) {
      if (err instanceof McpPermissionError || err instanceof AppError) return errorResult(err.message);
      deps.core.logger.error(`MCP tool ${name} failed: ${(err as Error).stack ?? err}`);
      return errorResult(`${name} failed: ${(err as Error).message}`);
    }
  });
}
