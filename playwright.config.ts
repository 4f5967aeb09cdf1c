import { defineConfig } from '@playwright/test';
import { chromiumLaunchOptions } from './test/e2e/support/chromium';

export default defineConfig({
  testDir: './test',
  testMatch: '**/*.spec.ts',
  fullyParallel: true,
  workers: 2,
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: process.env['CI'] ? [['list']] : [['list']],
  outputDir: 'test-results',
  use: {
    launchOptions: chromiumLaunchOptions(),
    trace: 'retain-on-failure',
  },
  projects: [
    { name: 'browser', testDir: './test/e2e/browser' },
    { name: 'electron', testDir: './test/e2e/electron' },
    // Packages the app first (minutes): run on its own with `npm run test:packaged`.
    { name: 'packaged', testDir: './test/e2e/packaged' },
    { name: 'docs', testDir: './test/docs' },
  ],
});
