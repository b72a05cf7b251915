import { fileURLToPath } from 'node:url';
import { defaultClientConditions, defaultServerConditions } from 'vite';
import { defineConfig } from 'vitest/config';

// One runner for the whole repository. Workspace packages resolve to their TypeScript sources
// through the "source" export condition, so tests never need a build.
// The alias also covers the global setup, whose module runner does not apply the conditions: a
// fresh clone has no dist/ to fall back on.
const resolve = {
  conditions: ['source', ...defaultClientConditions],
  alias: { '@motcua/core': fileURLToPath(new URL('./packages/core/src/index.ts', import.meta.url)) },
};
const ssr = { resolve: { conditions: ['source', ...defaultServerConditions] } };

export default defineConfig({
  resolve,
  ssr,
  test: {
    reporters: ['default', './scripts/summary-reporter.ts'],
    projects: [
      {
        resolve,
        ssr,
        // pure code and dataset checks: no database
        test: {
          name: 'unit',
          testTimeout: 30_000,
          include: [
            'packages/core/src/**/*.test.ts',
            'packages/web/src/**/*.test.{ts,tsx}',
            'scripts/**/*.test.ts',
          ],
        },
      },
      {
        resolve,
        ssr,
        test: {
          name: 'db',
          testTimeout: 60_000,
          hookTimeout: 180_000,
          include: ['packages/server/src/**/*.test.ts', 'e2e/**/*.test.ts', 'bench/**/*.test.ts'],
          // one PostgreSQL per run; each test file clones its own database from a template
          globalSetup: ['packages/server/src/test/global-setup.ts'],
          pool: 'forks',
        },
      },
    ],
  },
});
