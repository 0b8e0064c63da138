import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

// The watch-party guest page script: one small IIFE (guest code + hls.js + the shared party
// schemas) served by the LAN listener. Built apart from the studio bundle so guests never load
// studio code, and so every asset URL stays relative to the invite path.
export default defineConfig({
  publicDir: false,
  logLevel: 'warn',
  build: {
    outDir: fileURLToPath(new URL('./dist/party-guest', import.meta.url)),
    emptyOutDir: true,
    target: 'es2020',
    minify: true,
    sourcemap: false,
    lib: {
      entry: fileURLToPath(new URL('./renderer/studios/video/party/guest/guest-entry.ts', import.meta.url)),
      name: 'AuteurPartyGuest',
      formats: ['iife'],
      fileName: () => 'guest.js',
    },
  },
});
