import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

// Until the standalone mode serves everything on one port, each API prefix goes to the port of
// the service that owns it (CONSOLE_API_ORIGIN sends them all to one origin instead, e.g. the
// standalone on :3000).
const root = fileURLToPath(new URL('.', import.meta.url));
const one = process.env.CONSOLE_API_ORIGIN;
const owners: Record<string, number> = {
  // each service's own documents (OpenAPI, AsyncAPI, dead letters)
  '/api/v1/capacity-building': 3003,
  '/api/v1/training': 3004,
  '/api/v1/auth': 3001,
  '/api/v1/organizations': 3001,
  '/api/v1/desks': 3001,
  '/api/v1/officers': 3001,
  '/api/v1/dialogues': 3002,
  '/api/v1/recommendations': 3002,
  '/api/v1/briefs': 3002,
  '/api/v1/initiatives': 3002,
  '/api/v1/programmes': 3003,
  '/api/v1/milestones': 3003,
  '/api/v1/courses': 3004,
  '/api/v1/sessions': 3004,
  '/api/v1/enrolments': 3004,
  '/api/v1/certificates': 3004,
  '/api/v1/subscriptions': 3005,
  '/api/v1/notifications': 3005,
  '/api/v1/webhooks': 3005,
};
const proxy = Object.fromEntries(
  Object.entries(owners).map(([prefix, port]) => [prefix, { target: one ?? `http://127.0.0.1:${port}`, changeOrigin: false }]),
);

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
