import { basename, extname, join } from 'node:path';
import type { FileRef, HistoryEntry } from './api-types.js';
import type { ComfyClient } from './client.js';

export interface OutputFile {
  /** Absolute path in the job's work dir. */
  path: string;
  mime: string;
  /** The output node that produced it. */
  node: string;
  ref: FileRef;
}

const MIME: Record<string, string> = {
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.webp': 'image/webp',
  '.gif': 'image/gif',
  '.webm': 'video/webm',
  '.mp4': 'video/mp4',
  '.mov': 'video/quicktime',
  '.flac': 'audio/flac',
  '.wav': 'audio/wav',
  '.mp3': 'audio/mpeg',
};

export function mimeOf(filename: string): string {
  return MIME[extname(filename).toLowerCase()] ?? 'application/octet-stream';
}

function isFileRef(v: unknown): v is FileRef {
  return !!v && typeof v === 'object' && typeof (v as FileRef).filename === 'string';
}

/**
 * Saved files in a finished prompt's outputs. Save nodes list them under `images` (also animated
 * WEBP/WEBM), some video nodes under `gifs`/`videos`; any array of {filename, subfolder, type}
 * counts. Previews (type "temp") are not results.
 */
export function outputRefs(entry: HistoryEntry): { node: string; ref: FileRef }[] {
  const refs: { node: string; ref: FileRef }[] = [];
  const nodes = Object.keys(entry.outputs ?? {}).sort((a, b) => a.localeCompare(b, undefined, { numeric: true }));
  for (const node of nodes) {
    for (const value of Object.values(entry.outputs![node] ?? {})) {
      if (!Array.isArray(value)) continue;
      for (const item of value) if (isFileRef(item) && item.type !== 'temp') refs.push({ node, ref: { filename: item.filename, subfolder: item.subfolder ?? '', type: item.type ?? 'output' } });
    }
  }
  return refs;
}

/** Downloads every output file via /view into workDir (names kept, made safe and unique). */
export async function downloadOutputs(client: ComfyClient, entry: HistoryEntry, workDir: string, signal: AbortSignal): Promise<OutputFile[]> {
  const files: OutputFile[] = [];
  for (const [i, { node, ref }] of outputRefs(entry).entries()) {
    const safe = basename(ref.filename).replace(/[^\w.-]+/g, '_');
    const path = join(workDir, `${String(i).padStart(2, '0')}-${safe}`);
    await client.download(ref, path, signal);
    files.push({ path, mime: mimeOf(ref.filename), node, ref });
  }
  return files;
}

/** The error ComfyUI recorded in a history entry's status messages, if the prompt failed. */
export function historyFailure(entry: HistoryEntry): { kind: 'error' | 'interrupted'; data: Record<string, unknown> } | null {
  const messages = entry.status?.messages ?? [];
  for (const [event, data] of messages) {
    if (event === 'execution_error') return { kind: 'error', data };
    if (event === 'execution_interrupted') return { kind: 'interrupted', data };
  }
  if (entry.status?.status_str === 'error') return { kind: 'error', data: {} };
  return null;
}
