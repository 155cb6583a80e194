import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

// In development the API is the standalone's (`npm start`, everything under /api/v1 on one
// port): CONSOLE_API_ORIGIN, by default the standalone's default address.
const root = fileURLToPath(new URL('.', import.meta.url));
const proxy = { '/api/v1': { target: process.env.CONSOLE_API_ORIGIN ?? 'http://127.0.0.1:3000', changeOrigin: false } };

export default defineConfig({
  root,
  base: '/',
  oxc: { jsx: { runtime: 'automatic' } },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    sourcemap: false,
    target: 'es2022',
    // The entry holds React, Mantine's core and the shell; the report-size script checks the real budget.
    chunkSizeWarningLimit: 600,
    rolldownOptions: {
      // Mantine marks its modules "use client" (for React Server Components); a browser bundle has no use for it.
      onwarn(warning, warn) {
        if (warning.code !== 'MODULE_LEVEL_DIRECTIVE') warn(warning);
      },
    },
  },
  server: { port: Number(process.env.CONSOLE_PORT ?? 5173), strictPort: true, host: '127.0.0.1', proxy },
  preview: { port: Number(process.env.CONSOLE_PORT ?? 5173), strictPort: true, host: '127.0.0.1', proxy },
});
