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
    // Monaco (~3.9 MB) is its own lazy chunk, loaded only by the editor and detail views.
    chunkSizeWarningLimit: 4500,
  },
  server: {
    proxy: {
      '/api': { target: process.env.AUTEUR_API_URL ?? 'http://127.0.0.1:4873', ws: true },
    },
  },
});
