import { defineConfig } from '@playwright/test';

export default defineConfig({
  testDir: 'test',
  outputDir: 'test-results',
  timeout: 60_000,
  expect: { timeout: 10_000 },
  fullyParallel: false,
  workers: 2,
  retries: 0,
  reporter: [['list']],
  projects: [
    { name: 'unit', testMatch: 'unit/**/*.test.ts' },
    { name: 'e2e', testMatch: 'e2e/**/*.spec.ts' },
    { name: 'firefox', testMatch: 'firefox/**/*.spec.ts' },
  ],
});
