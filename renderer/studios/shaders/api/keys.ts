/** Query keys of the Shaders studio; live events and mutations update the same entries. */
export const shaderKeys = {
  all: ['shaders'] as const,
  feed: (mode: string) => ['shaders', 'feed', mode] as const,
  lists: ['shaders', 'list'] as const,
  list: (query: Record<string, unknown>) => ['shaders', 'list', query] as const,
  detail: (id: string) => ['shaders', 'detail', id] as const,
  comments: (id: string) => ['shaders', 'comments', id] as const,
  tags: ['shaders', 'tags'] as const,
  desires: {
    all: ['desires'] as const,
    list: (query: Record<string, unknown>) => ['desires', 'list', query] as const,
    detail: (id: string) => ['desires', 'detail', id] as const,
  },
};
