import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['labextension/src/**/*.spec.ts'],
    environment: 'node',
    // The browser parts jsdom lacks, for the specs that render.
    setupFiles: ['labextension/src/testing-dom.ts'],
    // The views' specs load @jupyterlab/ui-components, whose web components import
    // files without extensions: let vite resolve them rather than Node.
    server: {
      deps: { inline: [/@jupyter\/web-components/, /@jupyterlab\/ui-components/] }
    }
  }
});
