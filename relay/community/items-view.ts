import { eq, sql } from 'drizzle-orm';
import type { RelayItem, RelayProvenance } from '../../shared/schemas/relay-community.js';
import { items, users } from '../db/schema.js';

/** The columns every item listing selects (payload only for the detail view). */
export const itemColumns = {
  id: items.id,
  kind: items.kind,
  title: items.title,
  description: items.description,
  tags: items.tags,
  authorId: items.authorId,
  authorName: users.username,
  isPublic: items.isPublic,
  provenance: items.provenance,
  thumbnailPath: items.thumbnailPath,
  previewPath: items.previewPath,
  upvotes: items.upvotes,
  downvotes: items.downvotes,
  score: items.score,
  commentCount: items.commentCount,
  createdAt: items.createdAt,
};
export interface ItemRowView {
  id: string;
  kind: string;
  title: string;
  description: string;
  tags: string[];
  authorId: string;
  authorName: string;
  isPublic: boolean;
  provenance: unknown;
  thumbnailPath: string | null;
  previewPath: string | null;
  upvotes: number;
  downvotes: number;
  score: number;
  commentCount: number;
  createdAt: Date;
}
export const authorJoin = [users, eq(users.id, items.authorId)] as const;

export function itemView(r: ItemRowView, baseUrl: string): RelayItem {
  return {
    id: r.id,
    kind: r.kind as RelayItem['kind'],
    title: r.title,
    description: r.description,
    tags: r.tags,
    author: { id: r.authorId, username: r.authorName },
    isPublic: r.isPublic,
    provenance: r.provenance as RelayProvenance,
    thumbnailUrl: r.thumbnailPath ? `${baseUrl}/api/v1/items/${r.id}/thumbnail` : null,
    previewUrl: r.previewPath ? `${baseUrl}/api/v1/items/${r.id}/preview` : null,
    upvotes: r.upvotes,
    downvotes: r.downvotes,
    score: r.score,
    commentCount: r.commentCount,
    createdAt: r.createdAt.toISOString(),
  };
}

export const countInt = sql<number>`count(*)::int`;
