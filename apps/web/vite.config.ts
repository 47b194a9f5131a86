import preact from '@preact/preset-vite';
import { defineConfig } from 'vite';

export default defineConfig({
  plugins: [preact()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2020',
    sourcemap: false,
    modulePreload: { polyfill: false },
    // core's index re-exports the calendar writer, which the web never calls: its library has
    // no side effects but does not say so, and its enums would otherwise be bundled. Core itself
    // is pure (no I/O, nothing done on import): a module of it the web takes nothing from (the
    // endpoint declarations, whose types alone the web uses) is left out.
    rollupOptions: {
      treeshake: {
        moduleSideEffects: (id) => !id.includes('/node_modules/ical-generator/') && !id.includes('/packages/core/src/'),
      },
    },
  },
  server: { proxy: { '/api': 'http://localhost:3000', '/ws': { target: 'ws://localhost:3000', ws: true } } },
});
