import type { ShaderSummary } from '../../../../shared/schemas/shaders.js';

/** Where "more like this" leads for a card: its nearest neighbours by style vector. */
export function moreLikeThisPath(card: ShaderSummary): string {
  return `/shaders/explore?similar=${encodeURIComponent(card.id)}`;
}
