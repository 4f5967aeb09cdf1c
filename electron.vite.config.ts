import { resolve } from 'node:path';
import { svelte } from '@sveltejs/vite-plugin-svelte';
import { defineConfig } from 'electron-vite';

// Every process reaches src/shared by one name, not by climbing out of its own folder.
const resolveShared = { alias: { '@shared': resolve(__dirname, 'src/shared') } };

export default defineConfig({
  main: {
    resolve: resolveShared,
    build: {
      // pdfjs-dist is ESM-only: bundled, it becomes CommonJS chunks next to the import worker,
      // which Electron's require() reads from inside the asar like any other file.
      externalizeDeps: { exclude: ['pdfjs-dist'] },
      rollupOptions: {
        input: {
          index: resolve(__dirname, 'src/main/index.ts'),
          // Parsing runs in this worker thread so the main process never blocks.
          'import-worker': resolve(__dirname, 'src/main/services/import-worker.ts'),
        },
      },
    },
  },
  preload: {
    resolve: resolveShared,
    build: {
      // A sandboxed preload must be one self-contained CommonJS file that requires only 'electron'.
      externalizeDeps: false,
      rollupOptions: {
        input: { index: resolve(__dirname, 'src/preload/index.ts') },
        output: { format: 'cjs', entryFileNames: '[name].js', codeSplitting: false },
      },
    },
  },
  renderer: {
    root: resolve(__dirname, 'src/renderer'),
    resolve: resolveShared,
    plugins: [svelte()],
    build: {
      rollupOptions: { input: { index: resolve(__dirname, 'src/renderer/index.html') } },
    },
  },
});
