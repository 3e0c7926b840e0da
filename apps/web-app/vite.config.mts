import { defineConfig } from 'vite';

// Port 4200 in development and preview: web-bff's CORS allow-list names it (CORS_ORIGINS' default).
// 127.0.0.1 like every app here; browsers reach it as localhost too.
const local = { host: '127.0.0.1', port: 4200, strictPort: true };

export default defineConfig({
  root: import.meta.dirname,
  build: {
    outDir: '../../dist/apps/web-app',
    emptyOutDir: true,
    target: 'es2022',
  },
  server: local,
  preview: local,
});
