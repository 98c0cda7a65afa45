import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  resolve: {
    alias: { '~': fileURLToPath(new URL('./app', import.meta.url)) },
  },
  test: {
    include: ['app/**/*.test.{ts,tsx}', 'tests/integration/**/*.test.ts'],
    environment: 'node',
    setupFiles: ['tests/integration/support/idle-sockets.ts'],
    // Hang limits, not speed checks: each PGlite database runs initdb in WebAssembly, which took
    // 25 s on two cores at load 14 (tests and hooks timed out at 20 s and 60 s in a fresh clone).
    testTimeout: 120_000,
    hookTimeout: 300_000,
  },
});
