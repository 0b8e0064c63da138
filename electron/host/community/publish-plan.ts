import type { CommunityPublishInput, CommunityPublishOutput } from '../../../shared/jobs/community-publish.js';
import type { RelayPublishBody } from '../../../shared/schemas/relay-community.js';
import type { CoreContext } from '../host-context.js';

/** A file to send to the relay (a thumbnail or preview slot). */
export interface PublishFile {
  path: string;
  mime: string;
  bytes: number;
}

/** Everything one publish sends: the item, then its thumbnail and preview. */
export interface PublishPlan {
  body: RelayPublishBody;
  thumbnail: PublishFile | null;
  preview: PublishFile | null;
  previewClipped: boolean;
  /** What could not be sent, said plainly (it ends up in the job result and the record). */
  notes: string[];
}

/** How one kind (shader, video, prefab) is published. */
export interface PublishKind {
  /** At queue time: throws 404/409 when it cannot be published; returns the worker's extra input. */
  prepare(core: CoreContext, id: string): Omit<CommunityPublishInput, 'kind' | 'id'>;
  /** At upload time, with the worker's output (scratch files it made). */
  plan(core: CoreContext, id: string, output: CommunityPublishOutput): PublishPlan;
}

/** A media-store file as a PublishFile, when it exists and fits `maxBytes`. */
export function mediaFile(core: CoreContext, mediaId: string | null | undefined, maxBytes: number): PublishFile | null {
  const m = mediaId ? core.media.get(mediaId) : undefined;
  if (!m || m.bytes > maxBytes) return null;
  return { path: core.media.absolutePath(m), mime: m.mime, bytes: m.bytes };
}

/** A JSON payload within the relay's 256 KB, dropping optional parts (in the order given) until it fits. */
export function fitPayload(value: Record<string, unknown>, droppable: string[], notes: string[]): string {
  const limit = 256 * 1024;
  const v = { ...value };
  let text = JSON.stringify(v);
  for (const key of droppable) {
    if (text.length <= limit) break;
    delete v[key];
    notes.push(`Left out the ${key} to fit the relay's 256 KB payload limit`);
    text = JSON.stringify(v);
  }
  if (text.length > limit) throw Object.assign(new Error(`The published description is ${text.length} bytes, over the relay's 256 KB limit`), { retryable: false });
  return text;
}

/** Distinct non-empty strings joined for the provenance fields (which the relay caps). */
export function joinDistinct(values: (string | null | undefined)[], max: number): string | undefined {
  const s = [...new Set(values.filter((v): v is string => !!v))].join('+');
  return s ? s.slice(0, max) : undefined;
}

/** Tags the relay accepts: 1–32 characters each, at most 10. */
export function relayTags(tags: readonly unknown[]): string[] {
  return [...new Set(tags.filter((t): t is string => typeof t === 'string').map((t) => t.trim().slice(0, 32)).filter(Boolean))].slice(0, 10);
}

/** A title the relay accepts (1–120 characters after trimming). */
export function relayTitle(title: string, fallback: string): string {
  return (title.trim() || fallback).slice(0, 120);
}
