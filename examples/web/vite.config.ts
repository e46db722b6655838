import { defineConfig } from 'vite';

// `npm run build:web` builds into examples/web/dist, which the façade serves at /app.
// `npx vite examples/web` serves it with hot reload and sends /graphql (WebSocket included) to the
// façade on FACADE_URL (default http://127.0.0.1:4000, `npm start`).
const facade = process.env.FACADE_URL ?? 'http://127.0.0.1:4000';

export default defineConfig({
  base: '/app/',
  build: { outDir: 'dist', emptyOutDir: true, target: 'es2022', sourcemap: true },
  server: { proxy: { '/graphql': { target: facade, ws: true } } },
});
