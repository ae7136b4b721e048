import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/unit/**/*.test.ts', 'test/unit/**/*.test.tsx', 'test/sim/**/*.test.ts', 'test/conformance/**/*.test.ts', 'test/soak/**/*.test.ts'],
    environment: 'node',
    // chrome.i18n in English, as the views and the worker render words with it.
    setupFiles: ['test/unit/chrome-i18n.ts'],
  },
});
