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

/** camelCase → snake_case for a field name; keys that are not camelCase identifiers (ids, tags, "KSampler") stay. */
function snakeKey(key: string): string {
  return /^[a-z][a-zA-Z0-9]*$/.test(key) ? key.replace(/([a-z0-9])([A-Z])/g, '$1_$2').toLowerCase() : key;
}

/** Every field name in seed §12's snake_case, however deep: service entities are camelCase, agents see one casing. */
export function snakeCaseKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(snakeCaseKeys);
  if (value && typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [snakeKey(k), snakeCaseKeys(v)]));
  }
  return value;
}

export function jsonResult(value: Record<string, unknown>): CallToolResult {
  const out = snakeCaseKeys(value) as Record<string, unknown>;
  return { content: [{ type: 'text', text: JSON.stringify(out, null, 2) }], structuredContent: out };
}

/** A refusal or failure the agent can act on; `fields` (snake_case) carry what it needs next, e.g. the draft id. */
export function errorResult(message: string, fields?: Record<string, unknown>): CallToolResult {
  if (!fields) return { content: [{ type: 'text', text: message }], isError: true };
  const structured = { error: message, ...(snakeCaseKeys(fields) as Record<string, unknown>) };
  // The JSON again as text too (MCP's advice for structured results): some clients show the model only `content`.
  return { content: [{ type: 'text', text: message }, { type: 'text', text: JSON.stringify(structured, null, 2) }], structuredContent: structured, isError: true };
}

/**
 * Registers one tool with its shared input schema. Domain failures (not found, permission,
 * rate limit, bad GLSL) come back as `isError` results the agent can read and act on;
 * argument validation errors are the SDK's own (they name the field; unknown arguments are
 * refused, see shared/mcp/tools.ts).
 */
export function registerTool<N extends McpToolName>(
  server: McpServer,
  name: N,
  meta: { title: string; description: string },
  deps: { core: CoreContext; principal: Principal; limiter: CallRateLimiter },
  handler: ToolHandler<N>,
): void {
  const schema = MCP_TOOL_INPUTS[name];
  // The whole (strict) schema, not its shape: the SDK would wrap a shape in a lenient object that drops unknown arguments.
  server.registerTool(name, { title: meta.title, description: meta.description, inputSchema: schema as z.ZodType }, async (args: unknown, extra: RequestHandlerExtra<ServerRequest, ServerNotification>) => {
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
