import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';
import express, { type Request, type Response, type Router } from 'express';
import type { HostContext } from '../host-context.js';
import { bearerFrom, sendError } from '../api/security.js';
import { createMcpServer } from './create-server.js';
import { CallRateLimiter } from './principal.js';

/**
 * Streamable HTTP MCP at /mcp, stateless: each POST gets a fresh server bound to the API key
 * that sent it (so a revoked key stops working on the next call). Host/Origin checks (DNS
 * rebinding) already ran in the app's guard before this router.
 */
export function mcpHttpRouter(ctx: HostContext): Router {
  const router = express.Router();
  const limiter = new CallRateLimiter();
  router.use(express.json({ limit: '1mb' }));
  router.post('/', async (req: Request, res: Response) => {
    const key = await ctx.apiKeys.authenticate(bearerFrom(req));
    if (!key) {
      res.setHeader('WWW-Authenticate', 'Bearer realm="auteur-mcp"');
      return sendError(res, 401, 'unauthorized', 'MCP over HTTP needs "Authorization: Bearer ak_…" with a live API key (Settings → API keys). Unknown or revoked keys are refused.');
    }
    const server = createMcpServer(ctx, { kind: 'api-key', userId: key.userId, key }, limiter);
    const transport = new StreamableHTTPServerTransport({ sessionIdGenerator: undefined });
    res.on('close', () => {
      void transport.close();
      void server.close();
    });
    try {
      await server.connect(transport);
      await transport.handleRequest(req, res, req.body);
    } catch (err) {
      ctx.logger.error(`MCP HTTP request failed: ${(err as Error).stack ?? err}`);
      if (!res.headersSent) res.status(500).json({ jsonrpc: '2.0', error: { code: -32603, message: 'Internal server error' }, id: null });
    }
  });
  // Stateless server: no standalone SSE stream and no sessions to delete.
  router.all('/', (_req, res) => {
    res.setHeader('Allow', 'POST');
    res.status(405).json({ jsonrpc: '2.0', error: { code: -32000, message: 'Method not allowed: this MCP endpoint is stateless; use POST' }, id: null });
  });
  return router;
}
