import { resolve } from 'node:path';
import { defineConfig } from 'vite';

const root = resolve(__dirname, '../..');

/** The web client: Preact through esbuild's automatic JSX runtime, built into `dist/web`. */
export default defineConfig({
  root: __dirname,
  base: '/',
  esbuild: { jsx: 'automatic', jsxImportSource: 'preact' },
  resolve: {
    alias: {
      '@chat/contracts': resolve(root, 'libs/contracts/src'),
      '@chat/client-sdk': resolve(root, 'libs/client-sdk/src'),
    },
  },
  build: {
    outDir: resolve(root, 'dist/web'),
    emptyOutDir: true,
    sourcemap: true,
    // Module preload is native in every supported browser; the polyfill would be an inline script.
    modulePreload: { polyfill: false },
  },
  server: {
    proxy: {
      '/api': 'http://localhost:8080',
      '/socket.io': { target: 'ws://localhost:8080', ws: true },
    },
  },
});
