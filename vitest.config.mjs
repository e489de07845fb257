import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['labextension/src/**/*.spec.ts'],
    environment: 'node'
  }
});
