/// <reference types="vitest/config" />
import react from '@vitejs/plugin-react'
import { fileURLToPath } from 'node:url'
import { defineConfig } from 'vite'

const api = process.env.TOKENMETER_API_URL ?? 'http://localhost:8080'

// The service serves the UI itself, so it sees same-origin requests; through this proxy a write
// (PUT, POST, DELETE) would carry the dev server's Origin and be refused as a cross-origin request.
const proxy = {
  '/api': {
    target: api,
    changeOrigin: true,
    configure: (server: { on(event: 'proxyReq', listener: (request: { removeHeader(name: string): void }) => void): void }) =>
      server.on('proxyReq', (request) => request.removeHeader('origin')),
  },
}

export default defineConfig({
  plugins: [react()],
  resolve: {
    alias: { '@': fileURLToPath(new URL('./src', import.meta.url)) },
  },
  server: { proxy },
  preview: { proxy },
  build: {
    // ECharts alone is ~550 kB minified (~180 kB gzip); it loads only when the first chart does.
    chunkSizeWarningLimit: 600,
    // The initial bundle must stay under 250 kB gzip: ECharts is imported only by the
    // lazily loaded chart module, and React, TanStack Query and ECharts get chunks of their own
    // so that a change to the app does not invalidate them in browser caches.
    rolldownOptions: {
      output: {
        codeSplitting: {
          groups: [
            { name: 'echarts', test: /node_modules[\\/](echarts|zrender)[\\/]/ },
            { name: 'react', test: /node_modules[\\/](react|react-dom|scheduler)[\\/]/ },
            { name: 'query', test: /node_modules[\\/]@tanstack[\\/]/ },
          ],
        },
      },
    },
  },
  test: {
    environment: 'jsdom',
    include: ['src/**/*.test.{ts,tsx}'],
    setupFiles: ['src/test/setup.ts'],
    restoreMocks: true,
    // Whole-app component tests take a few seconds in jsdom; CI machines are shared and slower.
    testTimeout: 30_000,
  },
})
