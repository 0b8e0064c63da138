import { fileNameOf, rawFetch, saveResponse } from '../../../api/raw-fetch.js';

/** GET /videos/:id/export.mp4 with the token, handed to the browser as a download (the JSON client cannot). */
export async function downloadVideo(videoId: string, title: string): Promise<string> {
  const res = await rawFetch(`/videos/${encodeURIComponent(videoId)}/export.mp4`, 'Export');
  return saveResponse(res, fileNameOf(res, `${title.replace(/[^\w.-]+/g, '-').slice(0, 80) || 'video'}.mp4`));
}
