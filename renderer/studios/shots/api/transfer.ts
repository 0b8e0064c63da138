import { API_PREFIX } from '../../../../shared/routes.js';
import { ApiError } from '../../../../shared/schemas/common.js';
import { Ingredient, type IngredientType } from '../../../../shared/schemas/shots.js';
import { getConnection } from '../../../api/auth.js';
import { ApiRequestError } from '../../../api/errors.js';

/**
 * The two calls the JSON client cannot make: a multipart upload (POST /assets/upload) and a zip
 * download (the export routes). Both carry the token and turn the host's ApiError into the same
 * ApiRequestError the rest of the renderer shows.
 */

async function failure(res: Response, what: string): Promise<ApiRequestError> {
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

function unreachable(): ApiRequestError {
  const { apiBase } = getConnection();
  return new ApiRequestError({ status: 0, code: 'network_error', message: `Could not reach the studio host at ${apiBase}.` });
}

export async function uploadIngredient(input: { projectId: string; type: IngredientType; name?: string; file: File }): Promise<Ingredient> {
  const { apiBase, token } = getConnection();
  const form = new FormData();
  form.set('projectId', input.projectId);
  form.set('type', input.type);
  if (input.name?.trim()) form.set('name', input.name.trim());
  // The file part goes last so the host has the fields before it streams the bytes.
  form.set('file', input.file, input.file.name);
  let res: Response;
  try {
    res = await fetch(`${apiBase}${API_PREFIX}/assets/upload`, { method: 'POST', body: form, headers: token ? { Authorization: `Bearer ${token}` } : {} });
  } catch {
    throw unreachable();
  }
  if (!res.ok) throw await failure(res, `Uploading ${input.file.name}`);
  const parsed = Ingredient.safeParse(await res.json());
  if (!parsed.success) throw new ApiRequestError({ status: res.status, code: 'invalid_response', message: "The host's upload answer does not match the API contract." });
  return parsed.data;
}

function fileNameOf(res: Response, fallback: string): string {
  const cd = res.headers.get('Content-Disposition') ?? '';
  const star = /filename\*=UTF-8''([^;]+)/i.exec(cd);
  if (star?.[1]) return decodeURIComponent(star[1]);
  const plain = /filename="?([^";]+)"?/i.exec(cd);
  return plain?.[1] ?? fallback;
}

/** Fetches an export zip with the token and hands it to the browser as a download; resolves to its file name. */
export async function downloadExport(apiPath: string, fallbackName: string): Promise<string> {
  const { apiBase, token } = getConnection();
  let res: Response;
  try {
    res = await fetch(apiBase + API_PREFIX + apiPath, { headers: token ? { Authorization: `Bearer ${token}` } : {} });
  } catch {
    throw unreachable();
  }
  if (!res.ok) throw await failure(res, 'Export');
  const name = fileNameOf(res, fallbackName);
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

/** Reads a chosen file as base64 for POST /scripts/parse (the host decodes UTF-8/UTF-16/BOM itself). */
export async function fileToBase64(file: File): Promise<string> {
  const bytes = new Uint8Array(await file.arrayBuffer());
  let binary = '';
  const CHUNK = 0x8000;
  for (let i = 0; i < bytes.length; i += CHUNK) binary += String.fromCharCode(...bytes.subarray(i, i + CHUNK));
  return btoa(binary);
}
