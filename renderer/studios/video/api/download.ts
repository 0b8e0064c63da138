import { API_PREFIX } from '../../../../shared/routes.js';
import { ApiError } from '../../../../shared/schemas/common.js';
import { getConnection } from '../../../api/auth.js';
import { ApiRequestError } from '../../../api/errors.js';

/** GET /videos/:id/export.mp4 with the token, handed to the browser as a download (the JSON client cannot). */
export async function downloadVideo(videoId: string, title: string): Promise<string> {
  const { apiBase, token } = getConnection();
  let res: Response;
  try {
    res = await fetch(`${apiBase}${API_PREFIX}/videos/${encodeURIComponent(videoId)}/export.mp4`, { headers: token ? { Authorization: `Bearer ${token}` } : {} });
  } catch {
    throw new ApiRequestError({ status: 0, code: 'network_error', message: `Could not reach the studio host at ${apiBase}.` });
  }
  if (!res.ok) {
    const text = await res.text().catch(() => '');
    let body: unknown = text;
    try {
      body = JSON.parse(text);
    } catch {
      /* plain text */
    }
    const parsed = ApiError.safeParse(body);
    if (parsed.success) throw new ApiRequestError({ status: res.status, ...parsed.data.error });
    throw new ApiRequestError({ status: res.status, code: `http_${res.status}`, message: `Export failed with HTTP ${res.status}` });
  }
  const cd = res.headers.get('content-disposition') ?? '';
  const name = /filename="?([^";]+)"?/i.exec(cd)?.[1] ?? `${title.replace(/[^\w.-]+/g, '-').slice(0, 80) || 'video'}.mp4`;
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
