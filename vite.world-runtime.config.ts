import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

// The headless world snapshot page: one self-contained IIFE (three.js + GLTFLoader) the worker
// injects into headless Chromium (window.__auteurWorldSnapshot). Built apart from the React app.
export default defineConfig({
  publicDir: false,
  logLevel: 'warn',
  build: {
    outDir: fileURLToPath(new URL('./dist/world-runtime', import.meta.url)),
    emptyOutDir: true,
    target: 'es2022',
    minify: true,
    sourcemap: false,
    lib: {
      entry: fileURLToPath(new URL('./renderer/world-runtime/headless-entry.ts', import.meta.url)),
      name: 'AuteurWorldRuntime',
      formats: ['iife'],
      fileName: () => 'world.iife.js',
    },
  },
});
