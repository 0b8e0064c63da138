import { badRequest } from '../errors.js';

/** A reorder must name every live id exactly once: a partial or stale list is refused, not guessed at. */
export function checkReorder(current: readonly string[], ids: readonly string[], what: string): void {
  const have = new Set(current);
  const seen = new Set<string>();
  for (const id of ids) {
    if (!have.has(id)) throw badRequest(`${id} is not a ${what} of this list (deleted, or from elsewhere)`);
    if (seen.has(id)) throw badRequest(`${id} appears twice in the new ${what} order`);
    seen.add(id);
  }
  if (seen.size !== have.size) throw badRequest(`The new order names ${seen.size} of ${have.size} ${what}s; send every id`);
}

/** Where to insert: the requested position clamped to the list, else the end. */
export const insertAt = (length: number, order: number | undefined): number => (order === undefined ? length : Math.max(0, Math.min(length, order)));
