/** Query keys of the Video studio: live events and mutations update the same entries. */
export interface VideoListFilter {
  q?: string;
  sort: 'created' | 'updated' | 'title' | 'duration';
  order: 'asc' | 'desc';
  scope: 'library' | 'all';
}

export const videoKeys = {
  all: ['video'] as const,
  lists: ['video', 'list'] as const,
  list: (filter: VideoListFilter) => ['video', 'list', filter] as const,
  detail: (id: string) => ['video', 'detail', id] as const,
  wiki: (entity: string) => ['video', 'wiki', entity] as const,
};
