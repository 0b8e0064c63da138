/**
 * The JSON schema Monaco validates payloads against. null until the Veo 3.1 request schema exists
 * in shared/; the host validates every saved payload either way.
 */
export function useVeoSchema(): object | null {
  return null;
}
