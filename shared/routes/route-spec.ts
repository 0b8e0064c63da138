import type { z } from 'zod';

export type HttpMethod = 'get' | 'post' | 'put' | 'patch' | 'delete';

/**
 * One API route. The host mounts handlers by route id, validates params/query/body with these
 * schemas, the renderer's client is typed from them and /api/v1/openapi.json is generated from them.
 */
export interface RouteSpec {
  method: HttpMethod;
  /** Express-style path under the API root, e.g. /jobs/:id */
  path: string;
  summary: string;
  tag: string;
  auth: 'none' | 'token';
  params?: z.ZodObject;
  query?: z.ZodObject;
  body?: z.ZodType;
  response: z.ZodType;
  /** Status code of a successful response. */
  status?: number;
  /** Request headers the route reads (documented in OpenAPI). */
  headers?: Record<string, string>;
  /** Binary responses (images, video): documented with this content type, not validated as JSON. */
  produces?: string;
}

export const API_PREFIX = '/api/v1';
