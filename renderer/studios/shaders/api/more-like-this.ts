import type { ShaderSummary } from '../../../../shared/schemas/shaders.js';
import { studioPaths } from '../nav.js';

/** Where "more like this" leads for a card. */
export function moreLikeThisPath(card: ShaderSummary): string {
  return studioPaths.explore({ tag: card.tags[0] ?? null, sort: 'top' });
}
