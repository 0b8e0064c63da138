import { IdParams } from './core.js';
import { ArcadeGame, ArcadeGameDeleted, ArcadeGameList, ArcadeUploadQuery } from '../schemas/video-arcade.js';
import type { RouteSpec } from './route-spec.js';

const A = { tag: 'arcade', auth: 'token' } as const;

/**
 * Arcade (issue 10): HTML5 game bundles. The upload body is the raw zip (not JSON, not multipart);
 * games play from the separate arcade origin named in the list answer, never from the API.
 */
export const ARCADE_ROUTES = {
  'arcade.games.list': { ...A, method: 'get', path: '/arcade/games', summary: 'Installed games (newest first) and the arcade origin they play from', response: ArcadeGameList },
  'arcade.games.upload': {
    ...A, method: 'post', path: '/arcade/games',
    summary: 'Install a game: the body is the zip itself (Content-Type application/zip, at most 100 MB). index.html at the root or in one top folder; refused with 4xx naming why for zip bombs, zip-slip or absolute paths, symlinks, too many or too large entries; nothing half-installed remains',
    headers: { 'Content-Type': 'application/zip' },
    query: ArcadeUploadQuery, response: ArcadeGame, status: 201,
  },
  'arcade.games.get': { ...A, method: 'get', path: '/arcade/games/:id', summary: 'One game', params: IdParams, response: ArcadeGame },
  'arcade.games.delete': { ...A, method: 'delete', path: '/arcade/games/:id', summary: 'Uninstall a game (its files and thumbnail); a shipped game stays deleted', params: IdParams, response: ArcadeGameDeleted },
} as const satisfies Record<string, RouteSpec>;
