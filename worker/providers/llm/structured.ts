import { z } from 'zod';
import type { ProviderError } from '../types.js';
import type { Usage } from './types.js';

/**
 * Structured output shared by every client: the JSON schema the provider is given, parsing and
 * zod validation of its answer, and the repair loop that sends the validation error back.
 */
export interface PreparedSchema {
  /** Always an object at the root (OpenAI json_schema and Anthropic input_schema require one). */
  jsonSchema: Record<string, unknown>;
  /** The caller's schema was not an object; it is wrapped as `{ value: … }`. */
  wrapped: boolean;
  /** Every object closed and fully required: OpenAI's `strict: true` accepts it. */
  strict: boolean;
}

type Json = Record<string, unknown>;

function clean(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(clean);
  if (!node || typeof node !== 'object') return node;
  const out: Json = {};
  // `$schema` and `default` are rejected by some strict-mode validators and tell the model nothing.
  for (const [k, v] of Object.entries(node as Json)) if (k !== '$schema' && k !== 'default') out[k] = clean(v);
  return out;
}

function isStrict(node: unknown): boolean {
  if (Array.isArray(node)) return node.every(isStrict);
  if (!node || typeof node !== 'object') return true;
  const n = node as Json;
  if (n.type === 'object' || n.properties) {
    const props = Object.keys((n.properties as Json | undefined) ?? {});
    const required = new Set((n.required as string[] | undefined) ?? []);
    if (n.additionalProperties !== false || !props.every((p) => required.has(p))) return false;
  }
  return Object.values(n).every(isStrict);
}

export function prepareSchema(schema: z.ZodType): PreparedSchema {
  let js: Json;
  try {
    // The output form lists defaulted fields as required: stricter for the model, still valid input.
    js = z.toJSONSchema(schema, { io: 'output', unrepresentable: 'throw' }) as Json;
  } catch {
    // Transforms have no output JSON schema: describe what the model must send instead.
    js = z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as Json;
  }
  js = clean(js) as Json;
  const wrapped = js.type !== 'object';
  if (wrapped) js = { type: 'object', properties: { value: js }, required: ['value'], additionalProperties: false };
  return { jsonSchema: js, wrapped, strict: isStrict(js) };
}

/** The instruction text providers get alongside their native structured-output switch. */
export function schemaInstruction(prepared: PreparedSchema): string {
  return `Answer with a single JSON object that matches this JSON Schema, and nothing else (no prose, no markdown):\n${JSON.stringify(prepared.jsonSchema)}`;
}

export function repairPrompt(error: string): string {
  return `Your previous answer was rejected: ${error}\nReply again with only the corrected JSON object that matches the schema.`;
}

/** Parses model text leniently: code fences and prose around one JSON object are tolerated. */
export function extractJson(text: string): { ok: true; value: unknown } | { ok: false; error: string } {
  const fenced = /```(?:json)?\s*([\s\S]*?)```/i.exec(text);
  const body = (fenced?.[1] ?? text).trim();
  try {
    return { ok: true, value: JSON.parse(body) };
  } catch (err) {
    const start = body.search(/[{[]/);
    const end = Math.max(body.lastIndexOf('}'), body.lastIndexOf(']'));
    if (start >= 0 && end > start) {
      try {
        return { ok: true, value: JSON.parse(body.slice(start, end + 1)) };
      } catch {
        // fall through to the first error, which names the real problem
      }
    }
    const preview = body.length > 80 ? `${body.slice(0, 80)}…` : body;
    return { ok: false, error: `the answer is not valid JSON (${(err as Error).message}); it began: ${JSON.stringify(preview)}` };
  }
}

export function validate<S extends z.ZodType>(schema: S, prepared: PreparedSchema, raw: unknown): { ok: true; value: z.output<S> } | { ok: false; error: string } {
  let candidate = raw;
  if (typeof raw === 'string') {
    const parsed = extractJson(raw);
    if (!parsed.ok) return parsed;
    candidate = parsed.value;
  }
  if (prepared.wrapped) {
    const box = candidate as { value?: unknown } | null;
    candidate = box && typeof box === 'object' && 'value' in box ? box.value : candidate;
  }
  const result = schema.safeParse(candidate);
  if (result.success) return { ok: true, value: result.data };
  return { ok: false, error: `the JSON does not match the schema:\n${z.prettifyError(result.error)}` };
}

/** One answer from the provider: `raw` is text (Ollama, OpenAI) or a tool input object (Anthropic). */
export interface AttemptOutput {
  raw: unknown;
  usage: Usage;
  /** Provider handle needed to answer this turn (Anthropic tool_use id). */
  id?: string;
}

export interface RepairTurn {
  output: AttemptOutput;
  error: string;
}

export interface RepairLoopOptions {
  maxRepairs: number;
  /** Makes one call; `turns` are the earlier rejected answers with their errors, oldest first. */
  attempt(turns: RepairTurn[]): Promise<AttemptOutput>;
  /** Builds the final error once repairs are exhausted. */
  exhausted(lastError: string, attempts: number): ProviderError;
  log?: (level: 'debug' | 'info' | 'warn' | 'error', message: string) => void;
  label: string;
}

export async function withRepairs<S extends z.ZodType>(schema: S, prepared: PreparedSchema, opts: RepairLoopOptions): Promise<{ value: z.output<S>; usage: Usage; attempts: number }> {
  const turns: RepairTurn[] = [];
  const usage: Usage = { promptTokens: 0, completionTokens: 0 };
  for (let attempt = 1; attempt <= opts.maxRepairs + 1; attempt++) {
    const output = await opts.attempt(turns);
    usage.promptTokens += output.usage.promptTokens;
    usage.completionTokens += output.usage.completionTokens;
    const checked = validate(schema, prepared, output.raw);
    if (checked.ok) return { value: checked.value, usage, attempts: attempt };
    turns.push({ output, error: checked.error });
    if (attempt <= opts.maxRepairs) opts.log?.('warn', `${opts.label}: answer ${attempt} rejected, asking for a repair — ${checked.error.split('\n').join(' ')}`);
  }
  const last = turns[turns.length - 1]?.error ?? 'no answer';
  throw opts.exhausted(last, turns.length);
}
