import { fileURLToPath } from 'node:url';
import { defineConfig } from 'electron-vite';
import react from '@vitejs/plugin-react';

// One build for all bundles: main (Electron entry, headless host, workers), preload, renderer.
// Workers are separate entries so the locator finds them as out/main/<name>.worker.js.
export default defineConfig({
  main: {
    build: {
      outDir: 'out/main',
      rollupOptions: {
        input: {
          'electron-main': 'src-main/app/electron-main.ts',
          headless: 'src-main/host/headless.ts',
          'compute.worker': 'src-workers/node/compute.worker.ts',
          'db.worker': 'src-main/db/db.worker.ts',
        },
        output: {
          format: 'es',
          entryFileNames: '[name].js',
          chunkFileNames: 'chunks/[name]-[hash].js',
        },
      },
    },
  },
  preload: {
    build: {
      outDir: 'out/preload',
      rollupOptions: {
        input: {
          preload: 'src-main/preload/preload.ts',
          'gpu-preload': 'src-main/preload/gpu-preload.ts',
        },
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: {
    root: 'src-renderer',
    base: './',
    build: {
      outDir: fileURLToPath(new URL('./out/renderer', import.meta.url)),
      emptyOutDir: true,
      chunkSizeWarningLimit: 6000,
      // The app and the hidden GPU host page of the risk engine (src-main/compute/gpu-host.ts).
      rollupOptions: {
        input: { index: 'src-renderer/index.html', 'gpu-host': 'src-renderer/gpu-host.html' },
      },
    },
    plugins: [react()],
  },
});
