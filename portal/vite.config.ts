import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// The rules are bundled from their TypeScript source: the browser computes what the server does.
export default defineConfig({
  plugins: [react()],
  resolve: { alias: { '@cbccvc/rules': fileURLToPath(new URL('../packages/rules/src/index.ts', import.meta.url)) } },
  build: { outDir: 'dist', sourcemap: true, chunkSizeWarningLimit: 1500 },
  server: { proxy: { '/graphql': 'http://127.0.0.1:4000', '/portal-config.json': 'http://127.0.0.1:4000' } },
});
