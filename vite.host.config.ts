import { defineConfig } from 'vite';
import { fileURLToPath } from 'node:url';

/**
 * Builds the browser host (`electron/host/main.ts`) for plain Node into `out/host/main.js`.
 * An SSR build leaves every package in node_modules (lowdb, zod, exceljs) and Node's builtins as
 * imports, which is what we want: they are installed dependencies, and bundling exceljs would
 * only make the host slower to build and harder to read in a stack trace.
 */
export default defineConfig({
  resolve: {
    alias: { '@shared': fileURLToPath(new URL('./shared', import.meta.url)) },
  },
  publicDir: false,
  build: {
    ssr: 'electron/host/main.ts',
    outDir: 'out/host',
    emptyOutDir: true,
    target: 'node20',
    minify: false,
    sourcemap: true,
    rolldownOptions: {
      output: {
        format: 'es',
        entryFileNames: 'main.js',
      },
    },
  },
});
