import { readFileSync } from 'node:fs';
import { ResourceTemplate, type McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { ErrorCode, McpError } from '@modelcontextprotocol/sdk/types.js';
import { z } from 'zod';
import { AppError } from '../errors.js';
import type { CoreContext } from '../host-context.js';
import { shaderServices } from '../shaders/services.js';

/** MCP's "resource not found" (JSON-RPC -32002, as the specification names it). */
export const RESOURCE_NOT_FOUND = -32002;

function idOf(v: string | string[] | undefined): string {
  const id = Array.isArray(v) ? v[0] : v;
  if (!id) throw new McpError(ErrorCode.InvalidParams, 'The resource URI needs a shader id');
  return id;
}

/** A read of something that does not exist is an MCP error the client can tell apart, never an empty or internal one. */
function reading<T>(uri: URL, read: () => T): T {
  try {
    return read();
  } catch (err) {
    if (err instanceof AppError && err.status === 404) throw new McpError(RESOURCE_NOT_FOUND, `Resource ${uri.href} not found: ${err.message}`, { uri: uri.href });
    throw err;
  }
}

/** Each shader's GLSL and thumbnail as MCP resources, and a prompt for answering a desire. */
export function registerResourcesAndPrompts(server: McpServer, core: CoreContext): void {
  const svc = () => shaderServices(core);

  server.registerResource(
    'shader-source',
    new ResourceTemplate('auteur://shaders/{id}/source.glsl', {
      list: () => ({
        resources: svc()
          .queries.list({ sort: 'new', limit: 50 })
          .items.map((s) => ({ uri: `auteur://shaders/${s.id}/source.glsl`, name: s.title, mimeType: 'text/x-glsl', description: s.description ?? undefined })),
      }),
    }),
    { title: 'Shader GLSL', description: 'The GLSL of a shader (Common pass first, then buffers and the Image pass, each under a header comment).', mimeType: 'text/x-glsl' },
    (uri, vars) =>
      reading(uri, () => {
        const shader = svc().shaders.get(idOf(vars.id));
        const { common, buffers, image } = shader.source;
        const parts = [
          ...(common ? [`// ---- Common ----\n${common}`] : []),
          ...buffers.map((b) => `// ---- Buffer ${b.id} ----\n${b.code}`),
          buffers.length || common ? `// ---- Image ----\n${image.code}` : image.code,
        ];
        return { contents: [{ uri: uri.href, mimeType: 'text/x-glsl', text: parts.join('\n\n') }] };
      }),
  );

  server.registerResource(
    'shader-thumbnail',
    new ResourceTemplate('auteur://shaders/{id}/thumbnail.png', { list: undefined }),
    { title: 'Shader thumbnail', description: 'The PNG thumbnail of a shader\'s latest good render.', mimeType: 'image/png' },
    (uri, vars) =>
      reading(uri, () => {
        const shader = svc().shaders.row(idOf(vars.id));
        const row = shader.thumbnailMediaId ? core.media.get(shader.thumbnailMediaId) : undefined;
        if (!row) throw new McpError(RESOURCE_NOT_FOUND, `Resource ${uri.href} not found: shader ${shader.id} has no thumbnail yet (render status: ${shader.renderStatus})`, { uri: uri.href });
        return { contents: [{ uri: uri.href, mimeType: 'image/png', blob: readFileSync(core.media.absolutePath(row)).toString('base64') }] };
      }),
  );

  server.registerPrompt(
    'make_shader_for_desire',
    {
      title: 'Make a shader for a desire',
      description: 'Write a Shadertoy-compatible shader that answers an open desire, check it with render_shader, then submit it.',
      argsSchema: { desire_id: z.string().describe('An id from get_desire_queue') },
    },
    ({ desire_id }) => {
      const desire = svc().desires.get(desire_id);
      const hints = desire.styleHints ? `\nStyle hints: ${JSON.stringify(desire.styleHints)}` : '';
      return {
        messages: [
          {
            role: 'user',
            content: {
              type: 'text',
              text: [
                `Someone asked for this shader: "${desire.promptText}" (heat ${desire.heatScore.toFixed(2)}).${hints}`,
                '',
                'Write a single, complete GLSL fragment shader in Shadertoy format:',
                '- Entry point: void mainImage(out vec4 fragColor, in vec2 fragCoord)',
                '- Uniforms: iTime, iResolution, iMouse (and iChannel0..3 only if you need noise textures)',
                '- Keep it fast (bounded loops, under 16 ms a frame on a mid-range GPU); no extensions.',
                '',
                `Then call render_shader to look at it, fix anything that fails or looks wrong, and call submit_shader with fulfills_desire_id "${desire.id}".`,
              ].join('\n'),
            },
          },
        ],
      };
    },
  );
}
