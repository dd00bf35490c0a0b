import { sveltekit } from '@sveltejs/kit/vite';
import { defineConfig } from 'vitest/config';

const serverTarget = process.env.MOP_DEV_SERVER ?? 'http://127.0.0.1:3000';

export default defineConfig({
  plugins: [sveltekit()],
  server: {
    proxy: {
      '/api': serverTarget,
      '/sync': { target: serverTarget.replace(/^http/, 'ws'), ws: true }
    }
  },
  test: {
    reporters: ['default', './scripts/summary-reporter.ts'],
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          include: ['packages/**/*.test.ts', 'app/**/*.test.ts'],
          environment: 'node'
        }
      },
      {
        test: {
          name: 'server',
          include: ['sync-server/**/*.test.ts'],
          environment: 'node',
          testTimeout: 30_000,
          hookTimeout: 60_000
        }
      },
      {
        test: {
          name: 'e2e',
          include: ['e2e/**/*.test.ts'],
          environment: 'node',
          globalSetup: ['e2e/global-setup.ts'],
          testTimeout: 120_000,
          hookTimeout: 180_000,
          fileParallelism: false
        }
      }
    ]
  }
});
