import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    root: '.',
    include: ['test/e2e/**/*.e2e.ts'],
    globalSetup: ['test/e2e/global-setup.ts'],
    environment: 'node',
    // chrome.i18n in English for the worker run in Node, and the extension's words read as the user reads them.
    setupFiles: ['test/unit/chrome-i18n.ts'],
    // One Chromium at a time: the machines have two cores.
    fileParallelism: false,
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
