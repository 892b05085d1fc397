import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // Embeds the seeds once into a shared cache, so each test file starts the engine warm.
    globalSetup: ['test/support/global-setup.ts'],
    // Each worker loads the ONNX model (~1 s): two workers match the two cores here.
    pool: 'forks',
    maxWorkers: 2,
    testTimeout: 30_000,
    hookTimeout: 120_000,
  },
});
