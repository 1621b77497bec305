import { fileURLToPath } from 'node:url'
import { defineConfig } from 'vitest/config'

/** Browser tests: Debian's Chromium driven by playwright-core, one file at a time. */
export default defineConfig({
  resolve: {
    alias: { '@': fileURLToPath(new URL('../src', import.meta.url)) },
  },
  test: {
    root: fileURLToPath(new URL('..', import.meta.url)),
    include: ['e2e/**/*.e2e.ts'],
    // Written for the dashboard controls and the price import but not yet run against a stack: they join the
    // build once they have passed there (TOKENMETER_E2E_ALL=1 npm run e2e runs them too).
    exclude: process.env.TOKENMETER_E2E_ALL === '1' ? [] : ['e2e/controls.e2e.ts', 'e2e/price-import.e2e.ts'],
    environment: 'node',
    fileParallelism: false,
    testTimeout: 120_000,
    hookTimeout: 120_000,
  },
})
