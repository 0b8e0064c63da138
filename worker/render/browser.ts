/**
 * One warm headless Chromium per worker process, shared by every render in it, with the shader
 * runtime page loaded. Every in-page call runs under a time budget (the watchdog): past it the
 * GPU process is killed (which unblocks a page stuck in a shader that never ends), the page is
 * replaced, and if that does not free it within a few seconds the whole browser is killed and
 * relaunched on the next call. Calls are serialised because a GPU-process kill hits every page.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import puppeteer, { type Browser, type Page } from 'puppeteer-core';
import { locateChromium, OFFLINE_CHROMIUM_FLAGS, sandboxFlags } from '../tools/binaries.js';
import { descendants, gpuProcesses, killAll, sweepStaleProfiles } from './process-tree.js';
import { runtimeBundle } from './runtime-bundle.js';

/** Chromium flags for rendering: SwiftShader without a GPU, and no giving up on WebGL after GPU-process kills. */
export function renderBrowserFlags(): string[] {
  return [
    ...OFFLINE_CHROMIUM_FLAGS,
    ...sandboxFlags(),
    '--disable-gpu-process-crash-limit',
    '--disable-domain-blocking-for-3d-apis',
    '--mute-audio',
  ];
}

/** An in-page call ran past its budget; the browser has been recovered for the next call. */
export class RenderTimeoutError extends Error {
  constructor(
    readonly label: string,
    readonly budgetMs: number,
    readonly recovery: 'gpu-process' | 'browser',
  ) {
    super(`${label} did not finish within ${(budgetMs / 1000).toFixed(1)} s`);
    this.name = 'RenderTimeoutError';
  }
}

const PROFILE_PREFIX = 'auteur-render-profile-';
const PAGE_HTML = '<!doctype html><html><head><meta charset="utf-8"><title>Auteur shader renderer</title></head><body style="margin:0;background:#000"></body></html>';

async function within<T>(p: Promise<T>, ms: number): Promise<{ value: T } | { error: unknown } | 'timeout'> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<'timeout'>((r) => (timer = setTimeout(() => r('timeout'), ms)));
  try {
    return await Promise.race([p.then((value) => ({ value }), (error: unknown) => ({ error })), timeout]);
  } finally {
    clearTimeout(timer);
  }
}

export interface RenderBrowserOptions {
  /** Chromium binary; else CHROME_PATH or a system Chromium. */
  chromePath?: string | null;
  /** Budget for launching Chromium and loading the runtime page. */
  startBudgetMs?: number;
}

export class RenderBrowser {
  private browser: Browser | null = null;
  private page: Page | null = null;
  private queue: Promise<unknown> = Promise.resolve();
  /** How many times the watchdog had to recover (for logs and tests). */
  readonly recoveries = { gpuProcess: 0, browser: 0 };
  launches = 0;

  constructor(private readonly opts: RenderBrowserOptions = {}) {}

  /** Runs `fn` with no other call of this browser in between. */
  exclusive<T>(fn: () => Promise<T>): Promise<T> {
    const run = this.queue.then(fn, fn);
    this.queue = run.catch(() => undefined);
    return run;
  }

  private async launch(): Promise<Browser> {
    const executablePath = this.opts.chromePath || locateChromium().path;
    if (!executablePath) throw new Error(`No Chromium for the shader renderer. ${locateChromium().hint}`);
    // Our own profile folder: puppeteer only removes the ones it creates when Chromium exits
    // cleanly, and the watchdog kills it. Folders of browsers whose worker was SIGKILLed are
    // swept at the next launch.
    sweepStaleProfiles(tmpdir(), PROFILE_PREFIX);
    const profile = mkdtempSync(join(tmpdir(), PROFILE_PREFIX));
    const removeProfile = (): void => {
      try {
        rmSync(profile, { recursive: true, force: true, maxRetries: 5, retryDelay: 50 });
      } catch {
        /* a helper still writing: the next launch sweeps it */
      }
    };
    let browser: Browser;
    try {
      browser = await puppeteer.launch({ executablePath, headless: true, args: renderBrowserFlags(), userDataDir: profile, protocolTimeout: 600_000 });
    } catch (err) {
      removeProfile();
      throw err;
    }
    this.launches++;
    browser.on('disconnected', () => {
      if (this.browser === browser) {
        this.browser = null;
        this.page = null;
      }
    });
    const proc = browser.process();
    const pid = proc?.pid;
    if (proc && pid) {
      // The worker may exit without closing us (host gone): take Chromium down with it.
      const reap = (): void => {
        killAll([pid, ...descendants(pid)]);
        removeProfile();
      };
      process.once('exit', reap);
      proc.once('exit', () => {
        process.removeListener('exit', reap);
        removeProfile();
      });
    }
    return browser;
  }

  private async openPage(): Promise<Page> {
    this.browser ??= await this.launch();
    const page = await this.browser.newPage();
    page.on('error', () => {
      if (this.page === page) this.page = null; // the renderer process crashed
    });
    await page.setContent(PAGE_HTML);
    await page.evaluate(runtimeBundle());
    const ready = await page.evaluate(() => typeof (globalThis as { __auteurRender?: unknown }).__auteurRender === 'object');
    if (!ready) throw new Error('The shader runtime did not start in the page (window.__auteurRender is missing)');
    return page;
  }

  private async ensurePage(): Promise<Page> {
    if (this.page && !this.page.isClosed()) return this.page;
    const budget = this.opts.startBudgetMs ?? 60_000;
    const opened = await within(this.openPage(), budget);
    if (opened === 'timeout') {
      await this.killBrowser();
      throw new Error(`Chromium did not start the shader runtime within ${budget / 1000} s`);
    }
    if ('error' in opened) throw opened.error;
    this.page = opened.value;
    return this.page;
  }

  /**
   * Calls `window.__auteurRender[method](...args)` in the page within `budgetMs`. On overrun
   * it recovers (see the file comment) and throws RenderTimeoutError labelled `label`.
   */
  async call<T>(label: string, budgetMs: number, method: string, ...args: unknown[]): Promise<T> {
    const page = await this.ensurePage();
    const pending = page.evaluate(
      (m: string, a: unknown[]) => (globalThis as unknown as { __auteurRender: Record<string, (...x: unknown[]) => unknown> }).__auteurRender[m]!(...a),
      method,
      args,
    ) as Promise<T>;
    const r = await within(pending, budgetMs);
    if (r === 'timeout') {
      pending.catch(() => undefined);
      const recovery = await this.recoverFromHang(page, pending);
      throw new RenderTimeoutError(label, budgetMs, recovery);
    }
    if ('error' in r) {
      if (page.isClosed() || !this.browser?.connected) this.page = null;
      throw r.error;
    }
    return r.value;
  }

  /** Frees a page stuck in a GPU call: GPU process first, whole browser if that is not enough. */
  private async recoverFromHang(page: Page, pending: Promise<unknown>): Promise<'gpu-process' | 'browser'> {
    this.page = null;
    const pid = this.browser?.process()?.pid;
    const gpu = pid ? gpuProcesses(pid) : [];
    if (gpu.length && killAll(gpu) > 0) {
      const freed = await within(pending, 3_000);
      if (freed !== 'timeout') {
        await within(page.close(), 3_000);
        this.recoveries.gpuProcess++;
        return 'gpu-process';
      }
    }
    await this.killBrowser();
    this.recoveries.browser++;
    return 'browser';
  }

  /** Kills Chromium and all its helpers; the next call launches a fresh one. */
  async killBrowser(): Promise<void> {
    const browser = this.browser;
    this.browser = null;
    this.page = null;
    const proc = browser?.process();
    const pid = proc?.pid;
    if (proc && pid) {
      const exited = proc.exitCode !== null || proc.signalCode !== null ? Promise.resolve() : new Promise<void>((r) => proc.once('exit', () => r()));
      killAll([...descendants(pid), pid]);
      await within(exited, 3_000);
    } else if (browser) await within(browser.close(), 3_000);
  }

  async close(): Promise<void> {
    const browser = this.browser;
    this.browser = null;
    this.page = null;
    if (!browser) return;
    const closed = await within(browser.close(), 5_000);
    if (closed === 'timeout') await this.killBrowser();
  }

  /** The Chromium process id, for tests and diagnostics. */
  get pid(): number | null {
    return this.browser?.process()?.pid ?? null;
  }
}

let shared: RenderBrowser | null = null;

/** The warm browser of this process (created on first use; the chrome path of the first caller wins). */
export function sharedRenderBrowser(opts: RenderBrowserOptions = {}): RenderBrowser {
  shared ??= new RenderBrowser(opts);
  return shared;
}
