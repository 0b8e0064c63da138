import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import type { ApiWorkflow } from './api-types.js';

export const WORKFLOW_NAMES = ['txt2img', 'img2img', 'txt2video'] as const;
export type WorkflowName = (typeof WORKFLOW_NAMES)[number];

const ApiNodeSchema = z.object({
  class_type: z.string().min(1),
  inputs: z.record(z.string(), z.unknown()),
  _meta: z.object({ title: z.string().optional() }).optional(),
});

/** Where one typed parameter goes in the API-format graph. */
const ParamSpec = z.object({
  node: z.string(),
  input: z.string(),
  type: z.enum(['string', 'integer', 'number']),
  min: z.number().optional(),
  max: z.number().optional(),
  multipleOf: z.number().int().positive().optional(),
});
export type ParamSpec = z.infer<typeof ParamSpec>;

/** A model file the workflow loads: the param holding its name and ComfyUI/models/<folder>. */
const ModelRequirement = z.object({
  param: z.string(),
  folder: z.string(),
  download: z.string().url().optional(),
});
export type ModelRequirement = z.infer<typeof ModelRequirement>;

export const WorkflowTemplateSchema = z
  .object({
    name: z.enum(WORKFLOW_NAMES),
    title: z.string(),
    description: z.string(),
    output: z.enum(['image', 'video']),
    /** The param recorded as the output's provenance model (checkpoint or diffusion model). */
    modelParam: z.string(),
    workflow: z.record(z.string(), ApiNodeSchema),
    params: z.record(z.string(), ParamSpec),
    defaults: z.record(z.string(), z.union([z.string(), z.number()])),
    requires: z.object({ nodes: z.array(z.string()), models: z.array(ModelRequirement) }),
  })
  .superRefine((t, ctx) => {
    for (const [name, p] of Object.entries(t.params)) {
      const node = t.workflow[p.node];
      if (!node) ctx.addIssue({ code: 'custom', path: ['params', name], message: `node ${p.node} is not in the workflow` });
      else if (!(p.input in node.inputs)) ctx.addIssue({ code: 'custom', path: ['params', name], message: `node ${p.node} (${node.class_type}) has no input "${p.input}"` });
    }
    for (const key of Object.keys(t.defaults)) if (!t.params[key]) ctx.addIssue({ code: 'custom', path: ['defaults', key], message: 'not a declared param' });
    if (!t.params[t.modelParam]) ctx.addIssue({ code: 'custom', path: ['modelParam'], message: 'not a declared param' });
    for (const m of t.requires.models) if (!t.params[m.param]) ctx.addIssue({ code: 'custom', path: ['requires', 'models'], message: `param ${m.param} is not declared` });
  });
export type WorkflowTemplate = z.infer<typeof WorkflowTemplateSchema>;

export type ParamValues = Record<string, string | number>;

/** resources/comfyui of the package, found from this file in src and in dist (and inside asar). */
export function defaultTemplatesDir(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const candidate = join(dir, 'resources', 'comfyui');
    if (existsSync(join(dir, 'package.json')) && existsSync(candidate)) return candidate;
    const up = dirname(dir);
    if (up === dir) throw new Error('Cannot find resources/comfyui (the ComfyUI workflow templates) above ' + fileURLToPath(import.meta.url));
    dir = up;
  }
}

const cache = new Map<string, WorkflowTemplate>();

/** Reads and validates `<dir>/<name>.json`; a broken template is our bug, so the message is precise. */
export function loadTemplate(name: WorkflowName, dir = defaultTemplatesDir()): WorkflowTemplate {
  const file = join(dir, `${name}.json`);
  const hit = cache.get(file);
  if (hit) return hit;
  const parsed = WorkflowTemplateSchema.safeParse(JSON.parse(readFileSync(file, 'utf8')));
  if (!parsed.success) throw new Error(`ComfyUI workflow template ${file} is invalid: ${parsed.error.message}`);
  cache.set(file, parsed.data);
  return parsed.data;
}

function checkValue(name: string, spec: ParamSpec, value: unknown): string | number {
  if (spec.type === 'string') {
    if (typeof value !== 'string') throw new Error(`Workflow param "${name}" must be a string`);
    return value;
  }
  if (typeof value !== 'number' || !Number.isFinite(value)) throw new Error(`Workflow param "${name}" must be a number`);
  if (spec.type === 'integer' && !Number.isInteger(value)) throw new Error(`Workflow param "${name}" must be an integer`);
  if (spec.min !== undefined && value < spec.min) throw new Error(`Workflow param "${name}" must be ≥ ${spec.min} (got ${value})`);
  if (spec.max !== undefined && value > spec.max) throw new Error(`Workflow param "${name}" must be ≤ ${spec.max} (got ${value})`);
  if (spec.multipleOf && value % spec.multipleOf !== 0) throw new Error(`Workflow param "${name}" must be a multiple of ${spec.multipleOf} (got ${value})`);
  return value;
}

/**
 * A copy of the template's graph with the params filled in (defaults under the given values).
 * Unknown params and wrongly typed values are errors, never silently ignored.
 */
export function fillTemplate(t: WorkflowTemplate, values: Record<string, string | number | undefined>): { workflow: ApiWorkflow; values: ParamValues } {
  const effective: ParamValues = { ...t.defaults };
  for (const [k, v] of Object.entries(values)) {
    if (v === undefined) continue;
    if (!t.params[k]) throw new Error(`The ${t.name} workflow has no param "${k}" (it has: ${Object.keys(t.params).join(', ')})`);
    effective[k] = v;
  }
  const workflow = structuredClone(t.workflow) as ApiWorkflow;
  for (const [name, spec] of Object.entries(t.params)) {
    if (!(name in effective)) continue;
    workflow[spec.node]!.inputs[spec.input] = checkValue(name, spec, effective[name]);
  }
  return { workflow, values: effective };
}

/** The multiple a size param must be rounded to, so callers can snap sizes before filling. */
export function sizeMultiple(t: WorkflowTemplate): number {
  return Math.max(t.params.width?.multipleOf ?? 1, t.params.height?.multipleOf ?? 1);
}
