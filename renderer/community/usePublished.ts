import { useQuery } from '@tanstack/react-query';
import type { RelayItemKind } from '../../shared/schemas/relay-community.js';
import { api } from '../api/client.js';

/** Query keys of the studio's publication records (prefix ['community', 'publications'] covers them all). */
export const publicationKeys = {
  all: ['community', 'publications'] as const,
  kind: (kind: RelayItemKind) => ['community', 'publications', kind] as const,
  one: (kind: RelayItemKind, id: string) => ['community', 'publications', kind, id] as const,
};

/** Local ids of one kind published to the relay set now: one request for a whole list of cards. */
export function usePublishedIds(kind: RelayItemKind): Set<string> {
  const q = useQuery({
    queryKey: publicationKeys.kind(kind),
    queryFn: ({ signal }) => api.call('community.publications', { query: { kind }, signal }),
    select: (d) => new Set(d.publications.filter((p) => p.currentRelay && p.publishedAt).map((p) => p.localId)),
    staleTime: 30_000,
  });
  return q.data ?? EMPTY;
}
const EMPTY = new Set<string>();
