import { resolve } from 'node:path';
import { svelte } from '@sveltejs/vite-plugin-svelte';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  resolve: {
    alias: [
      // As in electron.vite.config.ts: renderer code imports src/shared as @shared.
      { find: '@shared', replacement: resolve(__dirname, 'src/shared') },
      // The renderer's state runs on Svelte's client runtime (effects, flushSync, untrack);
      // Node would resolve `svelte` to the server's, where effects never run.
      {
        find: /^svelte$/,
        replacement: resolve(__dirname, 'node_modules/svelte/src/index-client.js'),
      },
    ],
  },
  // Compiles the runes of the renderer's state (`*.svelte.ts`, and tests named
  // `*.svelte.test.ts`) as the window runs them, not for server rendering.
  plugins: [svelte({ dynamicCompileOptions: () => ({ generate: 'client' }) })],
  test: {
    include: ['test/unit/**/*.test.ts', 'src/**/*.test.ts'],
    environment: 'node',
    setupFiles: ['test/unit/setup.ts'],
    testTimeout: 20_000,
  },
});
