import { z } from 'zod';
import { Id, IsoDate } from './common.js';

/**
 * The arcade (issue 10): HTML5 game bundles (a zip with index.html) installed into the data dir
 * and served from a separate origin (its own port), shown in a sandboxed iframe or in the PIP
 * panel over the video player. Thumbnails are media-store ids (GET /api/v1/media/:id/file).
 */

/** Upload limits: the host refuses past them with 413/422 naming which one; the renderer checks the size first. */
export const ARCADE_LIMITS = {
  /** Largest zip accepted (Content-Length and counted while streaming). */
  maxZipBytes: 100 * 1024 * 1024,
  /** Most entries (files and folders) in one zip. */
  maxEntries: 2000,
  /** Most bytes of all files once extracted. */
  maxTotalBytes: 256 * 1024 * 1024,
  /** Most bytes of one file once extracted. */
  maxEntryBytes: 64 * 1024 * 1024,
  /** Highest uncompressed:compressed ratio of one entry larger than ratioFloorBytes (zip bombs). */
  maxRatio: 100,
  /** Entries smaller than this are not ratio-checked (a small text file of spaces compresses very well). */
  ratioFloorBytes: 1024 * 1024,
} as const;

/** Where the card image came from: the bundle's own thumbnail, a headless screenshot, or a generated title card. */
export const ArcadeThumbnailSource = z.enum(['bundle', 'rendered', 'title_card']);
export type ArcadeThumbnailSource = z.infer<typeof ArcadeThumbnailSource>;

export const ArcadeGame = z.object({
  id: Id,
  title: z.string(),
  /** builtin: shipped with the app and seeded on first run; upload: a user's zip. */
  origin: z.enum(['builtin', 'upload']),
  fileCount: z.number().int(),
  bytes: z.number().int(),
  thumbnailMediaId: Id.nullable(),
  thumbnailSource: ArcadeThumbnailSource,
  /** Why the headless render was not used, when the card fell back to a title card. */
  thumbnailNote: z.string().nullable(),
  /** index.html on the arcade origin: load it only in <iframe sandbox="allow-scripts allow-pointer-lock">. */
  playUrl: z.string(),
  createdAt: IsoDate,
});
export type ArcadeGame = z.infer<typeof ArcadeGame>;

export const ArcadeGameList = z.object({
  games: z.array(ArcadeGame),
  /** The arcade origin (http://127.0.0.1:<port>), the only origin games load from. */
  arcadeOrigin: z.string(),
});
export type ArcadeGameList = z.infer<typeof ArcadeGameList>;

export const ArcadeUploadQuery = z.object({
  /** Card title; default: the bundle's <title>, else the file name. */
  title: z.string().trim().min(1).max(120).optional(),
  /** The zip's file name (for the default title). */
  filename: z.string().max(255).optional(),
});

export const ArcadeGameDeleted = z.object({ deleted: z.literal(true), id: Id });
