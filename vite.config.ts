import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// The host serves the built renderer at / (index.html for every studio path) and the API under /api/v1.
// `vite` (dev) proxies /api, WebSocket included, to a running `auteur serve`.
export default defineConfig({
  root: fileURLToPath(new URL('./renderer', import.meta.url)),
  base: '/',
  plugins: [react()],
  build: {
    outDir: '../dist/renderer',
    emptyOutDir: true,
  },
  server: {
    proxy: {
      '/api': { target: process.env.AUTEUR_API_URL ?? 'http://127.0.0.1:4873', ws: true },
    },
  },
});
