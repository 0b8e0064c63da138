import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { ProviderError } from '../../worker/providers/types.js';
import { redact, toProviderError } from '../../worker/providers/llm/errors.js';
import { extractJson, prepareSchema, validate } from '../../worker/providers/llm/structured.js';

describe('structured output helpers', () => {
  it('marks closed, fully required schemas strict and drops $schema/default', () => {
    const p = prepareSchema(z.object({ a: z.string(), b: z.enum(['x', 'y']).default('x') }));
    expect(p).toMatchObject({ wrapped: false, strict: true });
    expect(JSON.stringify(p.jsonSchema)).not.toMatch(/\$schema|default/);
    expect(prepareSchema(z.object({ a: z.string().optional() })).strict).toBe(false);
  });

  it('wraps non-object schemas as { value } and unwraps on validation', () => {
    const schema = z.array(z.number());
    const p = prepareSchema(schema);
    expect(p.wrapped).toBe(true);
    expect(p.jsonSchema).toMatchObject({ type: 'object', required: ['value'] });
    expect(validate(schema, p, '{"value":[1,2]}')).toEqual({ ok: true, value: [1, 2] });
  });

  it('describes schemas with transforms by their input', () => {
    const p = prepareSchema(z.object({ n: z.string().transform((s) => s.length) }));
    expect(p.jsonSchema).toMatchObject({ properties: { n: { type: 'string' } } });
  });

  it('tolerates fences and prose around one JSON object', () => {
    expect(extractJson('```json\n{"a":1}\n```')).toEqual({ ok: true, value: { a: 1 } });
    expect(extractJson('Here you go: {"a":2} hope it helps')).toEqual({ ok: true, value: { a: 2 } });
    const bad = extractJson('no json here');
    expect(bad.ok).toBe(false);
  });

  it('reports schema errors with their paths', () => {
    const schema = z.object({ a: z.object({ b: z.number() }) });
    const r = validate(schema, prepareSchema(schema), { a: { b: 'x' } });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error).toMatch(/a\.b/);
  });
});

describe('provider error mapping', () => {
  const ctx = { provider: 'openai' as const, label: 'OpenAI', url: 'https://api.openai.com/v1', model: 'm', fix: { unreachable: 'u', auth: 'a', model: 'f' }, secrets: ['sk-live-abcdefghijkl'] };

  it('never lets a key through', () => {
    expect(redact('key sk-live-abcdefghijkl and sk-other-123456789', ctx.secrets)).toBe('key [redacted] and [redacted]');
    const err = toProviderError(Object.assign(new Error('boom sk-live-abcdefghijkl'), { status: 500 }), ctx);
    expect(err).toBeInstanceOf(ProviderError);
    expect(err.message).not.toContain('sk-live');
  });

  it('classifies refused connections through the cause chain', () => {
    const refused = new TypeError('fetch failed', { cause: Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' }) });
    expect(toProviderError(refused, ctx).kind).toBe('unreachable');
  });
});
