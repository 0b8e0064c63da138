/** Plain-text table for terminals; the last column is left unpadded so long details wrap naturally. */
export function formatTable(headers: string[], rows: string[][]): string {
  const widths = headers.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]) =>
    cells.map((c, i) => (i === cells.length - 1 ? c : c.padEnd(Math.min(widths[i] ?? 0, 40)))).join('  ').trimEnd();
  return [line(headers), line(widths.map((w, i) => '-'.repeat(i === widths.length - 1 ? Math.min(w, 40) : Math.min(w, 40)))), ...rows.map(line)].join('\n') + '\n';
}
