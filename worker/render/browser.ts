/**
 * One warm headless Chromium per worker process, shared by every render in it, with the shader
 * runtime page loaded. It speaks DevTools over a pipe (fds 3/4), never a TCP port, so no other
 * local user can attach to it, and it exits when its worker dies (the pipe closes). Browsers are
 * recorded in <dataDir>/run/ so the host can sweep any leftover at start (browser-registry.ts). Every in-page call runs under a time budget (the watchdog): past it the
 * GPU process is killed (which unblocks a page stuck in a shader that never ends), the page is
 * replaced, and if that does not free it within a few seconds the whole browser is killed and
 * relaunched on the next call. Calls are serialised because a GPU-process kill hits every page.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import puppeteer, { type Browser, type Page } from 'puppeteer-core';
import { OFFLINE_CHROMIUM_FLAGS, resolveChromium, sandboxFlags } from '../tools/binaries.js';
import { ensureRunDir, forgetBrowser, recordBrowser, sweepBrowsers } from './browser-registry.js';
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

/**
 * The renderer could not run (no browser, Chromium or WebGL would not start): not the shader's
 * fault, so the render is reported as a renderer failure and retried later.
 */
export class RenderInfraError extends Error {
  constructor(
    readonly stage: 'browser_start' | 'webgl_start',
    message: string,
  ) {
    super(message);
    this.name = 'RenderInfraError';
  }
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
  /**
   * <dataDir>/run: profiles and pid records live there so leftovers can be swept (see
   * browser-registry.ts). Without it (CLI, tests) profiles go to the temp folder.
   */
  runDir?: string | null;
  /**
   * Slows the page's CPU by this factor (CDP Emulation.setCPUThrottlingRate): how tests and
   * benchmarks simulate a loaded machine. 1 or unset: full speed.
   */
  cpuThrottle?: number;
}

export class RenderBrowser {
  private browser: Browser | null = null;
  private page: Page | null = null;
  private queue: Promise<unknown> = Promise.resolve();
  /** How many times the watchdog had to recover (for logs and tests). */
  readonly recoveries = { gpuProcess: 0, browser: 0 };
  launches = 0;

  constructor(private readonly opts: RenderBrowserOptions = {}) {}

  get runDir(): string | null {
    return this.opts.runDir ?? null;
  }

  set runDir(dir: string | null) {
    this.opts.runDir = dir;
  }

  /** Runs `fn` with no other call of this browser in between. */
  exclusive<T>(fn: () => Promise<T>): Promise<T> {
    const run = this.queue.then(fn, fn);
    this.queue = run.catch(() => undefined);
    return run;
  }

  private async launch(): Promise<Browser> {
    let executablePath = this.opts.chromePath || null;
    if (!executablePath) {
      const loc = await resolveChromium();
      if (!loc.path) throw new RenderInfraError('browser_start', `No Chromium for the shader renderer. ${loc.hint}`);
      executablePath = loc.path;
    } else if (!existsSync(executablePath)) {
      throw new RenderInfraError('browser_start', `the configured Chromium ${executablePath} does not exist (CHROME_PATH or Settings → Providers)`);
    }
    // Our own profile folder: puppeteer only removes the ones it creates when Chromium exits
    // cleanly, and the watchdog kills it. Folders of browsers whose worker was SIGKILLed are
    // swept at the next launch.
    const runDir = this.opts.runDir ? ensureRunDir(this.opts.runDir) : null;
    if (runDir) sweepBrowsers(runDir);
    else sweepStaleProfiles(tmpdir(), PROFILE_PREFIX);
    const profile = mkdtempSync(runDir ? join(runDir, 'chromium-profile-') : join(tmpdir(), PROFILE_PREFIX));
    const removeProfile = (): void => {
      try {
        rmSync(profile, { recursive: true, force: true, maxRetries: 5, retryDelay: 50 });
      } catch {
        /* a helper still writing: the next launch sweeps it */
      }
    };
    let browser: Browser;
    try {
      // pipe: DevTools over fds 3/4 instead of a 127.0.0.1 port anyone on the machine could attach to.
      browser = await puppeteer.launch({ executablePath, headless: true, pipe: true, args: renderBrowserFlags(), userDataDir: profile, protocolTimeout: 600_000 });
    } catch (err) {
      removeProfile();
      throw new RenderInfraError('browser_start', `Chromium (${executablePath}) did not start: ${((err as Error).message || String(err)).split('\n')[0]}`);
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
      if (runDir) recordBrowser(runDir, { pid, profile });
      // The worker may exit without closing us (host gone): take Chromium down with it.
      const reap = (): void => {
        killAll([pid, ...descendants(pid)]);
        removeProfile();
        if (runDir) forgetBrowser(runDir, pid);
      };
      process.once('exit', reap);
      proc.once('exit', () => {
        process.removeListener('exit', reap);
        removeProfile();
        if (runDir) forgetBrowser(runDir, pid);
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
    if (this.opts.cpuThrottle && this.opts.cpuThrottle > 1) {
      const cdp = await page.createCDPSession();
      await cdp.send('Emulation.setCPUThrottlingRate', { rate: this.opts.cpuThrottle });
    }
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
      throw new RenderInfraError('browser_start', `Chromium did not start the shader runtime within ${budget / 1000} s`);
    }
    if ('error' in opened) {
      if (opened.error instanceof RenderInfraError) throw opened.error;
      await this.killBrowser();
      throw new RenderInfraError('browser_start', `Chromium could not open the shader runtime page: ${((opened.error as Error)?.message ?? String(opened.error)).split('\n')[0]}`);
    }
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

  /**
   * Runs `fn` on a fresh page of this browser (closed afterwards), serialised with the shader
   * renderer's calls: for other headless runtimes (the world snapshot). Past `budgetMs` the
   * browser is killed (a page stuck in WebGL) and the next call launches a fresh one.
   */
  withPage<T>(label: string, budgetMs: number, fn: (page: Page) => Promise<T>): Promise<T> {
    return this.exclusive(async () => {
      this.browser ??= await this.launch();
      const page = await this.browser.newPage();
      const r = await within(fn(page), budgetMs);
      if (r === 'timeout') {
        await this.killBrowser();
        this.recoveries.browser++;
        throw new RenderTimeoutError(label, budgetMs, 'browser');
      }
      await within(page.close(), 3_000);
      if ('error' in r) throw r.error;
      return r.value;
    });
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

/** The warm browser of this process (created on first use; the options of the first caller win). */
export function sharedRenderBrowser(opts: RenderBrowserOptions = {}): RenderBrowser {
  shared ??= new RenderBrowser(opts);
  // A later caller that knows the data dir (shader.render) gets the next launch recorded there.
  if (opts.runDir && !shared.runDir) shared.runDir = opts.runDir;
  return shared;
}
