import { z } from 'zod';
import { API_PREFIX, ROUTES, type RouteSpec } from './routes.js';
import { ApiError } from './schemas/common.js';

function schema(s: z.ZodType, io: 'input' | 'output'): unknown {
  return z.toJSONSchema(s, { io, unrepresentable: 'any', target: 'openapi-3.0' });
}

/** OpenAPI 3 document generated from the route table; nothing in it is written by hand. */
export function buildOpenApi(version: string): Record<string, unknown> {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const [id, r] of Object.entries(ROUTES) as [string, RouteSpec][]) {
    const oaPath = API_PREFIX + r.path.replace(/:([A-Za-z_]+)/g, '{$1}');
    const parameters: unknown[] = [];
    for (const [name, s] of Object.entries(r.params?.shape ?? {})) {
      parameters.push({ name, in: 'path', required: true, schema: schema(s as z.ZodType, 'input') });
    }
    for (const [name, s] of Object.entries(r.query?.shape ?? {})) {
      parameters.push({ name, in: 'query', required: !(s as z.ZodType).safeParse(undefined).success, schema: schema(s as z.ZodType, 'input') });
    }
    for (const [name, description] of Object.entries(r.headers ?? {})) {
      parameters.push({ name, in: 'header', required: false, description, schema: { type: 'string' } });
    }
    const ok = String(r.status ?? 200);
    const responses: Record<string, unknown> = {
      [ok]: {
        description: r.summary,
        content: r.produces ? { [r.produces]: { schema: { type: 'string', format: 'binary' } } } : { 'application/json': { schema: schema(r.response, 'output') } },
      },
    };
    if (ok !== '501') {
      responses.default = { description: 'Error', content: { 'application/json': { schema: schema(ApiError, 'output') } } };
    }
    paths[oaPath] ??= {};
    paths[oaPath][r.method] = {
      operationId: id,
      summary: r.summary,
      tags: [r.tag],
      security: r.auth === 'token' ? [{ bearer: [] }] : [],
      parameters,
      ...(r.body ? { requestBody: { required: true, content: { 'application/json': { schema: schema(r.body, 'input') } } } } : {}),
      responses,
    };
  }
  return {
    openapi: '3.0.3',
    info: { title: 'Auteur Studio local API', version },
    servers: [{ url: '/' }],
    components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer', description: 'The token printed by `auteur serve` (also in host.json)' } } },
    paths,
  };
}
