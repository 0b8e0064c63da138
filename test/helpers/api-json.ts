import { expect } from 'vitest';

/** The body of an API answer as T, after asserting its status (the body is the assertion message). */
export async function json<T>(r: Response, status = 200): Promise<T> {
  const body = await r.text();
  expect(r.status, body).toBe(status);
  return JSON.parse(body) as T;
}

/** The ApiError of an answer that must fail with `status`. */
export const errorOf = async (r: Response, status: number) => (await json<{ error: { code: string; message: string } }>(r, status)).error;
