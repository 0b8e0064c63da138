import { API_PREFIX } from '../../shared/routes.js';
import { ApiError } from '../../shared/schemas/common.js';
import { getConnection } from './auth.js';
import { ApiRequestError } from './errors.js';

/**
 * The calls the typed JSON client cannot make (multipart or raw-body uploads, file downloads),
 * with the same token and the same ApiRequestError the rest of the renderer shows.
 */

/** Fetches an API path (after /api/v1) with the token; a network failure or an HTTP error throws ApiRequestError naming `what`. */
export async function rawFetch(apiPath: string, what: string, init: RequestInit = {}): Promise<Response> {
  const { apiBase, token } = getConnection();
  const headers = new Headers(init.headers);
  if (token) headers.set('Authorization', `Bearer ${token}`);
  let res: Response;
  try {
    res = await fetch(apiBase + API_PREFIX + apiPath, { ...init, headers });
  } catch {
    throw new ApiRequestError({ status: 0, code: 'network_error', message: `Could not reach the studio host at ${apiBase}.` });
  }
  if (!res.ok) throw await responseError(res, what);
  return res;
}

/** The host's ApiError body as an ApiRequestError, or the status line when the body is not one. */
export async function responseError(res: Response, what: string): Promise<ApiRequestError> {
  const text = await res.text().catch(() => '');
  let body: unknown = text;
  try {
    body = JSON.parse(text);
  } catch {
    /* plain text */
  }
  const parsed = ApiError.safeParse(body);
  if (parsed.success) return new ApiRequestError({ status: res.status, ...parsed.data.error });
  return new ApiRequestError({ status: res.status, code: `http_${res.status}`, message: `${what} failed with HTTP ${res.status}` });
}

/** The file name from Content-Disposition (RFC 5987 form first), else the fallback. */
export function fileNameOf(res: Response, fallback: string): string {
  const cd = res.headers.get('Content-Disposition') ?? '';
  const star = /filename\*=UTF-8''([^;]+)/i.exec(cd);
  if (star?.[1]) return decodeURIComponent(star[1]);
  const plain = /filename="?([^";]+)"?/i.exec(cd);
  return plain?.[1] ?? fallback;
}

/** Hands a response body to the browser as a download named `name`; resolves to the name. */
export async function saveResponse(res: Response, name: string): Promise<string> {
  const url = URL.createObjectURL(await res.blob());
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.append(a);
  a.click();
  a.remove();
  window.setTimeout(() => URL.revokeObjectURL(url), 10_000);
  return name;
}
