import { defineConfig } from 'vitest/config';

/** `npm run test:electron`: the real Electron shell (needs the Electron binary and a display; not part of `npm test`). */
export default defineConfig({
  test: {
    include: ['tests/electron/**/*.test.ts'],
    environment: 'node',
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: 'forks',
  },
});
