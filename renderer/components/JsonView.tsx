function stringify(value: unknown): string {
  try {
    return JSON.stringify(value, null, 2) ?? String(value);
  } catch {
    return String(value);
  }
}

export function JsonView({ value, label }: { value: unknown; label?: string }) {
  return (
    <pre className="json-view" aria-label={label} tabIndex={0}>
      {stringify(value)}
    </pre>
  );
}
