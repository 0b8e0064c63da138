import { Ingredient, type IngredientType } from '../../../../shared/schemas/shots.js';
import { ApiRequestError } from '../../../api/errors.js';
import { fileNameOf, rawFetch, saveResponse } from '../../../api/raw-fetch.js';

/**
 * The two calls the JSON client cannot make: a multipart upload (POST /assets/upload) and a zip
 * download (the export routes). Both carry the token and turn the host's ApiError into the same
 * ApiRequestError the rest of the renderer shows.
 */

export async function uploadIngredient(input: { projectId: string; type: IngredientType; name?: string; file: File }): Promise<Ingredient> {
  const form = new FormData();
  form.set('projectId', input.projectId);
  form.set('type', input.type);
  if (input.name?.trim()) form.set('name', input.name.trim());
  // The file part goes last so the host has the fields before it streams the bytes.
  form.set('file', input.file, input.file.name);
  const res = await rawFetch('/assets/upload', `Uploading ${input.file.name}`, { method: 'POST', body: form });
  const parsed = Ingredient.safeParse(await res.json());
  if (!parsed.success) throw new ApiRequestError({ status: res.status, code: 'invalid_response', message: "The host's upload answer does not match the API contract." });
  return parsed.data;
}

/** Fetches an export zip with the token and hands it to the browser as a download; resolves to its file name. */
export async function downloadExport(apiPath: string, fallbackName: string): Promise<string> {
  const res = await rawFetch(apiPath, 'Export');
  return saveResponse(res, fileNameOf(res, fallbackName));
}

/** Reads a chosen file as base64 for POST /scripts/parse (the host decodes UTF-8/UTF-16/BOM itself). */
export async function fileToBase64(file: File): Promise<string> {
  const bytes = new Uint8Array(await file.arrayBuffer());
  let binary = '';
  const CHUNK = 0x8000;
  for (let i = 0; i < bytes.length; i += CHUNK) binary += String.fromCharCode(...bytes.subarray(i, i + CHUNK));
  return btoa(binary);
}
