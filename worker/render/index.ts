/** The headless shader renderer (puppeteer-core + Chromium WebGL2, watchdog, ffmpeg preview, frame stats). */
export { renderShader, DEFAULT_RENDER_BUDGET, type RenderBudget, type RenderOptions, type RenderRequest } from './shader-renderer.js';
export { renderShaderStill, ShaderRenderError, type StillRequest } from './still.js';
export { RenderBrowser, RenderTimeoutError, sharedRenderBrowser } from './browser.js';
export { computeFrameStats, litFraction, type RawFrame } from './frame-stats.js';
