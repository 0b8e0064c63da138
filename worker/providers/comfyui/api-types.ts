/**
 * Shapes of ComfyUI's HTTP and WebSocket API (server.py / execution.py), as far as this client
 * reads them. Everything is optional-tolerant: ComfyUI versions add fields freely.
 */

/** One node of an API-format workflow ("Save (API Format)" in ComfyUI). Links are [nodeId, outputIndex]. */
export interface ApiNode {
  class_type: string;
  inputs: Record<string, unknown>;
  _meta?: { title?: string };
}
export type ApiWorkflow = Record<string, ApiNode>;

/** POST /prompt → 200 */
export interface PromptResponse {
  prompt_id: string;
  number: number;
  node_errors: Record<string, unknown>;
}

/** POST /prompt → 400 */
export interface PromptErrorBody {
  error?: { type?: string; message?: string; details?: string } | string;
  node_errors?: Record<string, { errors?: { type?: string; message?: string; details?: string }[]; class_type?: string }> | unknown[];
}

/** A file ComfyUI wrote, as listed in `executed` outputs and /history. */
export interface FileRef {
  filename: string;
  subfolder: string;
  type: string;
}

/** GET /history/{prompt_id} → { [prompt_id]: HistoryEntry } ({} while it has not finished). */
export interface HistoryEntry {
  prompt?: unknown;
  outputs?: Record<string, Record<string, unknown>>;
  status?: { status_str?: string; completed?: boolean; messages?: [string, Record<string, unknown>][] };
}

/** GET /queue: items are [number, prompt_id, prompt, extra_data, outputs_to_execute]. */
export interface QueueState {
  queue_running: unknown[][];
  queue_pending: unknown[][];
}

export interface SystemStats {
  system?: { os?: string; comfyui_version?: string; python_version?: string; pytorch_version?: string; ram_total?: number; ram_free?: number };
  devices?: { name?: string; type?: string; index?: number; vram_total?: number; vram_free?: number; torch_vram_total?: number; torch_vram_free?: number }[];
}

/**
 * GET /object_info: class_type → node description. A combo input is either the classic
 * `[[option, …], {config}]` or, in newer ComfyUI, `["COMBO", {options: [...]}]`.
 */
export interface NodeInfo {
  input?: { required?: Record<string, unknown>; optional?: Record<string, unknown> };
  output?: unknown[];
  name?: string;
  display_name?: string;
  category?: string;
  output_node?: boolean;
}
export type ObjectInfo = Record<string, NodeInfo>;

/** Upload result of POST /upload/image. */
export interface UploadResult {
  name: string;
  subfolder: string;
  type: string;
}

/** Messages on /ws?clientId=… (JSON text frames; binary frames are previews and are skipped). */
export type ComfyMessage =
  | { type: 'status'; data: { status?: { exec_info?: { queue_remaining?: number } }; sid?: string } }
  | { type: 'execution_start'; data: { prompt_id: string } }
  | { type: 'execution_cached'; data: { prompt_id: string; nodes: string[] } }
  | { type: 'executing'; data: { prompt_id?: string; node: string | null; display_node?: string } }
  | { type: 'progress'; data: { prompt_id?: string; node?: string; value: number; max: number } }
  | { type: 'executed'; data: { prompt_id: string; node: string; output: Record<string, unknown> } }
  | { type: 'execution_success'; data: { prompt_id: string } }
  | {
      type: 'execution_error';
      data: { prompt_id: string; node_id?: string; node_type?: string; exception_message?: string; exception_type?: string; traceback?: string[] | string };
    }
  | { type: 'execution_interrupted'; data: { prompt_id: string; node_id?: string; node_type?: string } }
  | { type: 'other'; data: unknown; name: string };

/** Parses one text frame; unknown types become `other` so newer servers never break the client. */
export function parseMessage(text: string): ComfyMessage | null {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    return null;
  }
  if (!raw || typeof raw !== 'object') return null;
  const { type, data } = raw as { type?: unknown; data?: unknown };
  if (typeof type !== 'string' || !data || typeof data !== 'object') return null;
  switch (type) {
    case 'status':
    case 'execution_start':
    case 'execution_cached':
    case 'executing':
    case 'progress':
    case 'executed':
    case 'execution_success':
    case 'execution_error':
    case 'execution_interrupted':
      return { type, data } as ComfyMessage;
    default:
      return { type: 'other', data, name: type };
  }
}

/** The options of a combo input in object_info, whichever of the two encodings the server uses. */
export function comboOptions(info: NodeInfo | undefined, input: string): string[] | null {
  const spec = info?.input?.required?.[input] ?? info?.input?.optional?.[input];
  if (!Array.isArray(spec)) return null;
  const [first, config] = spec as [unknown, unknown];
  if (Array.isArray(first)) return first.filter((o): o is string => typeof o === 'string');
  if (first === 'COMBO' && config && typeof config === 'object') {
    const options = (config as { options?: unknown }).options;
    if (Array.isArray(options)) return options.filter((o): o is string => typeof o === 'string');
  }
  return null;
}
