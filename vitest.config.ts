import { resolve } from 'node:path';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  // As in electron.vite.config.ts: renderer code imports src/shared as @shared.
  resolve: { alias: { '@shared': resolve(__dirname, 'src/shared') } },
  test: {
    include: ['test/unit/**/*.test.ts', 'src/**/*.test.ts'],
    environment: 'node',
    setupFiles: ['test/unit/setup.ts'],
    testTimeout: 20_000,
  },
});
