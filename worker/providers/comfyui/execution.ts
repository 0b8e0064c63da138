import { randomUUID } from 'node:crypto';
import WebSocket from 'ws';
import { CancelledError, throwIfCancelled } from '../../task-context.js';
import { ProviderError } from '../types.js';
import { parseMessage, type ApiWorkflow, type ComfyMessage, type HistoryEntry } from './api-types.js';
import type { ComfyClient } from './client.js';
import { downloadOutputs, historyFailure, type OutputFile } from './outputs.js';
import { PromptProgress } from './progress.js';

export interface RunOptions {
  /** Where output files are downloaded. */
  workDir: string;
  signal: AbortSignal;
  onProgress?(fraction: number, message: string): void;
  /** Whole prompt, queue wait included (default 30 min). */
  timeoutMs?: number;
  /** WebSocket open timeout (default 5 s). */
  connectTimeoutMs?: number;
  /** /history poll interval without a socket (default 1 s); with one it is a 5 s safety net. */
  pollMs?: number;
}

export interface RunResult {
  promptId: string;
  files: OutputFile[];
  /** How the end was observed: the socket, or /history polling after the socket was lost. */
  via: 'websocket' | 'polling';
}

type Outcome = { ok: true } | { ok: false; error: Error };

/** Error for an execution_error (socket message or history status), naming the node and what broke. */
export function executionError(url: string, data: Record<string, unknown>): ProviderError {
  const nodeType = typeof data.node_type === 'string' ? data.node_type : 'unknown node';
  const nodeId = typeof data.node_id === 'string' ? ` ${data.node_id}` : '';
  const type = typeof data.exception_type === 'string' ? `${data.exception_type}: ` : '';
  const msg = typeof data.exception_message === 'string' ? data.exception_message.trim() : 'no message';
  const oom = /out of memory|OutOfMemory/i.test(msg) ? ' Try a smaller width/height or fewer frames, or free VRAM used by other apps.' : ' See the ComfyUI console for the traceback.';
  return new ProviderError('comfyui', `ComfyUI at ${url} failed in node${nodeId} (${nodeType}): ${type}${msg}.${oom}`, 'server_error');
}

/**
 * Follows one prompt: socket events drive progress; /history is the source of truth for the end
 * and the outputs. A dropped socket is reopened once (ComfyUI re-sends the running node to a
 * returning client id); after that, or without any socket, it polls /history.
 */
class PromptFollower {
  private ws: WebSocket | null = null;
  private reconnects = 0;
  private promptId: string | null = null;
  private readonly early: ComfyMessage[] = [];
  private settle: ((o: Outcome) => void) | null = null;
  private finished = false;
  private pollTimer: NodeJS.Timeout | null = null;
  private missing = 0;
  private pollFailures = 0;
  via: 'websocket' | 'polling' = 'websocket';

  constructor(
    private readonly client: ComfyClient,
    private readonly clientId: string,
    private readonly workflow: ApiWorkflow,
    private readonly progress: PromptProgress,
    private readonly opts: RunOptions,
  ) {}

  /** Opens the socket before queueing so no early event is missed; false → polling only. */
  async connect(): Promise<boolean> {
    const timeoutMs = this.opts.connectTimeoutMs ?? 5000;
    return new Promise<boolean>((resolve) => {
      const ws = new WebSocket(this.client.http.wsUrl(this.clientId), { handshakeTimeout: timeoutMs });
      const fail = (why: string) => {
        ws.removeAllListeners();
        ws.on('error', () => {});
        ws.terminate();
        this.client.log('warn', `ComfyUI event socket at ${this.client.http.wsUrl(this.clientId)} did not open (${why}); following the prompt by polling /history`);
        resolve(false);
      };
      ws.once('open', () => {
        ws.off('error', onError);
        this.attach(ws);
        resolve(true);
      });
      const onError = (err: Error) => fail(err.message);
      ws.once('error', onError);
    });
  }

  private attach(ws: WebSocket): void {
    this.ws = ws;
    ws.on('message', (data, isBinary) => {
      if (isBinary) return; // preview frames
      const msg = parseMessage(data.toString());
      if (msg) this.onMessage(msg);
    });
    ws.on('error', () => {}); // 'close' follows
    ws.on('close', () => {
      if (this.ws === ws) this.ws = null;
      if (!this.finished) void this.onDrop();
    });
  }

  private async onDrop(): Promise<void> {
    if (this.reconnects < 1) {
      this.reconnects++;
      this.client.log('warn', 'ComfyUI event socket closed mid-run; reconnecting once');
      if (await this.connect()) {
        // Events sent while we were away are lost: ask /history whether it already finished.
        if (this.promptId) void this.poll();
        return;
      }
    } else this.client.log('warn', 'ComfyUI event socket closed again; following the prompt by polling /history');
    this.via = 'polling';
    this.schedulePoll(0);
  }

  wait(promptId: string): Promise<void> {
    this.promptId = promptId;
    if (!this.ws) this.via = 'polling';
    const done = new Promise<Outcome>((resolve) => (this.settle = resolve));
    for (const m of this.early.splice(0)) this.onMessage(m);
    const onAbort = () => void this.stop(new CancelledError());
    this.opts.signal.addEventListener('abort', onAbort, { once: true });
    if (this.opts.signal.aborted) onAbort();
    const timeoutMs = this.opts.timeoutMs ?? 30 * 60_000;
    const timer = setTimeout(
      () => void this.stop(new ProviderError('comfyui', `ComfyUI at ${this.client.url} did not finish prompt ${promptId} within ${Math.round(timeoutMs / 60_000)} min; it was interrupted. Check the ComfyUI console, or use a smaller size / fewer steps.`, 'timeout')),
      timeoutMs,
    );
    this.schedulePoll(this.ws ? 5000 : 0);
    return done.then((o) => {
      clearTimeout(timer);
      this.opts.signal.removeEventListener('abort', onAbort);
      if (!o.ok) throw o.error;
    });
  }

  private finish(o: Outcome): void {
    if (this.finished) return;
    this.finished = true;
    if (this.pollTimer) clearTimeout(this.pollTimer);
    this.settle?.(o);
  }

  /** Cancel or timeout: take our prompt off ComfyUI (queue delete or interrupt), then end. */
  private async stop(error: Error): Promise<void> {
    if (this.finished) return;
    if (this.promptId) await this.client.cancelPrompt(this.promptId).catch(() => 'not-found');
    this.finish({ ok: false, error });
  }

  private onMessage(msg: ComfyMessage): void {
    if (this.finished || msg.type === 'status' || msg.type === 'other') return;
    const pid = (msg.data as { prompt_id?: string }).prompt_id;
    if (!this.promptId) {
      this.early.push(msg);
      return;
    }
    if (pid !== undefined && pid !== this.promptId) return;
    const report = (v: number, text: string) => this.opts.onProgress?.(v, text);
    const label = (node: string | null | undefined) => (node ? `${this.workflow[node]?.class_type ?? 'node'} (${node})` : '');
    switch (msg.type) {
      case 'execution_start':
        report(this.progress.value(), 'ComfyUI started the prompt');
        break;
      case 'execution_cached':
        report(this.progress.cached(msg.data.nodes ?? []), `ComfyUI reused ${msg.data.nodes?.length ?? 0} cached nodes`);
        break;
      case 'executing':
        if (msg.data.node === null) {
          // Also sent after a failure: /history says which it was.
          void this.poll();
        } else report(this.progress.executing(msg.data.node), `ComfyUI: ${label(msg.data.node)}`);
        break;
      case 'progress':
        report(this.progress.step(msg.data.value, msg.data.max, msg.data.node), `ComfyUI: ${label(msg.data.node ?? this.progress.currentNode())} ${msg.data.value}/${msg.data.max}`);
        break;
      case 'executed':
        report(this.progress.executed(msg.data.node), `ComfyUI: ${label(msg.data.node)} done`);
        break;
      case 'execution_success':
        this.finish({ ok: true });
        break;
      case 'execution_error':
        this.finish({ ok: false, error: executionError(this.client.url, msg.data) });
        break;
      case 'execution_interrupted':
        this.finish({ ok: false, error: this.opts.signal.aborted ? new CancelledError() : new ProviderError('comfyui', `ComfyUI at ${this.client.url} interrupted prompt ${this.promptId} (cancelled in ComfyUI or by another client)`, 'cancelled') });
        break;
    }
  }

  private schedulePoll(ms: number): void {
    if (this.finished) return;
    if (this.pollTimer) clearTimeout(this.pollTimer);
    this.pollTimer = setTimeout(() => void this.poll(), ms);
  }

  /** One look at /history (and /queue when absent there); reschedules itself until the end. */
  private async poll(): Promise<void> {
    if (this.finished || !this.promptId) return;
    const id = this.promptId;
    try {
      const entry = await this.client.history(id, this.opts.signal, 5000);
      this.pollFailures = 0;
      if (entry) return this.onHistory(entry);
      if (!this.ws) {
        // Two looks in a row in neither queue nor history: ComfyUI lost it (restarted?).
        const q = await this.client.queue(this.opts.signal, 5000);
        const queued = [...(q.queue_running ?? []), ...(q.queue_pending ?? [])].some((it) => it[1] === id);
        this.missing = queued ? 0 : this.missing + 1;
        if (this.missing >= 2) {
          return this.finish({ ok: false, error: new ProviderError('comfyui', `ComfyUI at ${this.client.url} no longer knows prompt ${id} (was it restarted or the queue cleared?)`, 'server_error') });
        }
      }
    } catch (err) {
      if (this.opts.signal.aborted) return;
      // The socket may still bring the end; without it, give up after ~10 failed looks.
      if (!this.ws && ++this.pollFailures >= 10) return this.finish({ ok: false, error: err as Error });
    }
    this.schedulePoll(this.ws ? 5000 : (this.opts.pollMs ?? 1000));
  }

  private onHistory(entry: HistoryEntry): void {
    const failure = historyFailure(entry);
    if (failure?.kind === 'error') return this.finish({ ok: false, error: executionError(this.client.url, failure.data) });
    if (failure?.kind === 'interrupted') {
      return this.finish({ ok: false, error: this.opts.signal.aborted ? new CancelledError() : new ProviderError('comfyui', `ComfyUI at ${this.client.url} interrupted prompt ${this.promptId}`, 'cancelled') });
    }
    if (entry.status?.completed === false) return this.schedulePoll(this.opts.pollMs ?? 1000);
    this.finish({ ok: true });
  }

  close(): void {
    this.finished = true;
    if (this.pollTimer) clearTimeout(this.pollTimer);
    const ws = this.ws;
    this.ws = null;
    if (ws) {
      ws.removeAllListeners();
      ws.on('error', () => {});
      ws.close();
    }
  }
}

/** execution_success is sent before ComfyUI writes the history record: give it a moment. */
async function finishedEntry(client: ComfyClient, promptId: string, signal: AbortSignal): Promise<HistoryEntry | null> {
  const deadline = Date.now() + 10_000;
  for (;;) {
    const entry = await client.history(promptId, signal);
    if (entry || Date.now() > deadline) return entry;
    await new Promise((r) => setTimeout(r, 200));
    throwIfCancelled(signal);
  }
}

/** Queue → follow → /history → /view downloads. See ComfyClient.run. */
export async function runPrompt(client: ComfyClient, workflow: ApiWorkflow, opts: RunOptions): Promise<RunResult> {
  throwIfCancelled(opts.signal);
  const progress = new PromptProgress(workflow);
  const clientId = randomUUID();
  const follower = new PromptFollower(client, clientId, workflow, progress, opts);
  await follower.connect();
  let promptId: string;
  try {
    throwIfCancelled(opts.signal);
    // Not aborted mid-request: a prompt ComfyUI accepted must be known so a cancel can remove it.
    const queued = await client.submit(workflow, clientId);
    promptId = queued.prompt_id;
    client.log('info', `ComfyUI at ${client.url} queued prompt ${promptId} (queue #${queued.number})`);
    opts.onProgress?.(0, 'Queued in ComfyUI');
    await follower.wait(promptId);
  } finally {
    follower.close();
  }
  opts.onProgress?.(progress.finish(), 'ComfyUI finished; downloading outputs');
  const entry = await finishedEntry(client, promptId, opts.signal);
  if (!entry) throw new ProviderError('comfyui', `ComfyUI at ${client.url} finished prompt ${promptId} but /history has no record of it`, 'bad_response');
  const files = await downloadOutputs(client, entry, opts.workDir, opts.signal);
  if (files.length === 0) throw new ProviderError('comfyui', `ComfyUI at ${client.url} finished prompt ${promptId} without saving any file (does the workflow end in a Save node?)`, 'bad_response');
  return { promptId, files, via: follower.via };
}
