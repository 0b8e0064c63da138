/** `list` with the element at `from` moved to `to` (clamped); the playlist editor's one reorder step. */
export function moveKey(list: readonly string[], from: number, to: number): string[] {
  const next = list.slice();
  if (from < 0 || from >= next.length) return next;
  const [k] = next.splice(from, 1);
  next.splice(Math.max(0, Math.min(next.length, to)), 0, k!);
  return next;
}
