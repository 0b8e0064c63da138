import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import type { CoreContext } from '../host-context.js';
import type { CallRateLimiter, Principal } from './principal.js';
import { registerResourcesAndPrompts } from './resources.js';
import { registerDiscoveryTools } from './tools/discovery-tools.js';
import { registerJobTools } from './tools/job-tools.js';
import { registerMakeTools } from './tools/make-tools.js';
import { registerShaderTools } from './tools/shader-tools.js';
import { registerShotsTools } from './tools/shots-tools.js';
import { registerVideoTools } from './tools/video-tools.js';
import { registerVideoLiveloopTools } from './tools/video-liveloop-tools.js';
import { registerWorldTools } from './tools/world-tools.js';
import { registerWorldHostedTools } from './tools/world-hosted-tools.js';
import { registerCommunityTools } from './tools/community-tools.js';
import { registerCommunityBountyTools } from './tools/community-bounty-tools.js';

/** One MCP server bound to a caller; tools are thin adapters over the studio's services. */
export function createMcpServer(core: CoreContext, principal: Principal, limiter: CallRateLimiter): McpServer {
  const server = new McpServer(
    { name: 'auteur-studio', title: 'Auteur Studio', version: core.version },
    {
      capabilities: { logging: {} },
      instructions:
        'Auteur Studio is a local generative studio. Use browse_shaders / get_trending / get_feed_context to see what exists, render_shader to see GLSL as images before submitting, submit_shader to publish, and get_desire_queue + fulfill_desire to answer what people asked for. Long work returns a job id: follow it with get_job.',
    },
  );
  const deps = { server, core, principal, limiter };
  registerShaderTools(deps);
  registerDiscoveryTools(deps);
  registerMakeTools(deps);
  registerJobTools(deps);
  registerShotsTools(deps);
  registerVideoTools(deps);
  registerVideoLiveloopTools(deps);
  registerWorldTools(deps);
  registerWorldHostedTools(deps);
  registerCommunityTools(deps);
  registerCommunityBountyTools(deps);
  registerResourcesAndPrompts(server, core);
  return server;
}
