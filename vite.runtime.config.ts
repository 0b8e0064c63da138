import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

// The headless shader runtime: one self-contained IIFE the worker injects into headless
// Chromium (window.__auteurRender). Built apart from the React app so the page stays tiny.
export default defineConfig({
  publicDir: false,
  logLevel: 'warn',
  build: {
    outDir: fileURLToPath(new URL('./dist/shader-runtime', import.meta.url)),
    emptyOutDir: true,
    target: 'es2022',
    minify: true,
    sourcemap: false,
    lib: {
      entry: fileURLToPath(new URL('./renderer/shader-runtime/headless-entry.ts', import.meta.url)),
      name: 'AuteurShaderRuntime',
      formats: ['iife'],
      fileName: () => 'runtime.iife.js',
    },
  },
});
