import { defineConfig } from 'vite';
import preact from '@preact/preset-vite';
import { crx } from '@crxjs/vite-plugin';
import manifest from './manifest.json' with { type: 'json' };
import pkg from './package.json' with { type: 'json' };
import { ownFileViews } from './scripts/own-file-views.ts';

export default defineConfig({
  plugins: [
    preact(),
    // One version, package.json's: the store rejects an upload whose version did not go up.
    crx({ manifest: { ...manifest, version: pkg.version } }),
    ownFileViews([manifest.action.default_popup, manifest.side_panel.default_path, manifest.options_ui.page]),
  ],
  build: {
    target: 'chrome137',
    sourcemap: false,
    // Keep the bundle readable for store reviewers; size is checked by the benchmarks.
    minify: true,
  },
});
