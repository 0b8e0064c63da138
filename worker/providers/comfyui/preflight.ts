import { ProviderError } from '../types.js';
import { comboOptions, type ApiWorkflow, type ObjectInfo } from './api-types.js';
import type { ParamValues, WorkflowTemplate } from './workflows.js';

export interface MissingModel {
  param: string;
  /** ComfyUI/models/<folder> */
  folder: string;
  name: string;
  nodeType: string;
  installed: string[];
  download?: string;
}

export interface PreflightReport {
  ok: boolean;
  missingNodes: string[];
  missingModels: MissingModel[];
}

/**
 * Checks a filled workflow against GET /object_info: every class_type it uses must exist, and
 * every model file it loads must be in its loader's option list. Nothing is queued otherwise,
 * so the user learns exactly what to install instead of a failure deep in a run.
 */
export function checkWorkflow(t: WorkflowTemplate, workflow: ApiWorkflow, values: ParamValues, info: ObjectInfo): PreflightReport {
  const needed = new Set([...t.requires.nodes, ...Object.values(workflow).map((n) => n.class_type)]);
  const missingNodes = [...needed].filter((c) => !info[c]).sort();
  const missingModels: MissingModel[] = [];
  for (const req of t.requires.models) {
    const spec = t.params[req.param]!;
    const nodeType = workflow[spec.node]!.class_type;
    if (!info[nodeType]) continue; // reported as a missing node already
    const options = comboOptions(info[nodeType], spec.input);
    const name = String(values[req.param] ?? workflow[spec.node]!.inputs[spec.input]);
    if (options && !options.includes(name)) {
      missingModels.push({ param: req.param, folder: req.folder, name, nodeType, installed: options, ...(req.download ? { download: req.download } : {}) });
    }
  }
  return { ok: missingNodes.length === 0 && missingModels.length === 0, missingNodes, missingModels };
}

export function preflightMessage(report: PreflightReport, url: string, t: WorkflowTemplate): string {
  const lines = [`ComfyUI at ${url} cannot run the "${t.title}" workflow yet.`];
  if (report.missingNodes.length) {
    lines.push(
      `Missing nodes: ${report.missingNodes.join(', ')}. These are core ComfyUI nodes: update ComfyUI (git pull, then pip install -r requirements.txt, or update the desktop/portable build) and restart it.`,
    );
  }
  for (const m of report.missingModels) {
    const installed = m.installed.length ? ` Installed ${m.folder}: ${m.installed.slice(0, 8).join(', ')}${m.installed.length > 8 ? ', …' : ''} (pass one as "model" to use it).` : '';
    const get = m.download ? `download ${m.download} into ComfyUI/models/${m.folder}/` : `put ${m.name} into ComfyUI/models/${m.folder}/`;
    lines.push(`Missing model: ${m.folder}/${m.name} (${m.nodeType}) — ${get}, then restart ComfyUI or press Refresh.${installed}`);
  }
  return lines.join('\n');
}

/** Throws a ProviderError (kind missing_model) listing every missing node and model. */
export function assertRunnable(report: PreflightReport, url: string, t: WorkflowTemplate): void {
  if (!report.ok) throw new ProviderError('comfyui', preflightMessage(report, url, t), 'missing_model');
}
