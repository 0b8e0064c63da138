/** World studio query keys in one place, so live events and mutations touch the same cache entries. */
export const worldKeys = {
  all: ['world'] as const,
  worlds: ['world', 'worlds'] as const,
  world: (id: string) => ['world', 'world', id] as const,
  terrain: (id: string) => ['world', 'terrain', id] as const,
  assets: (q: string) => ['world', 'assets', q] as const,
  assetsAll: ['world', 'assets'] as const,
  asset: (id: string) => ['world', 'asset', id] as const,
  similar: (id: string) => ['world', 'similar', id] as const,
  prefabs: ['world', 'prefabs'] as const,
};
