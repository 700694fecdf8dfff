import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

const apiServer = 'http://127.0.0.1:3000';

export default defineConfig({
  plugins: [react()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    // Fonts stay separate files: the server's CSP allows self-hosted fonts, and inlining would bloat the CSS.
    assetsInlineLimit: 0,
    rolldownOptions: {
      treeshake: {
        // The contract's schema modules only declare zod schemas (plus registry metadata the server's
        // OpenAPI needs). The web app uses its types and helpers, so unused schemas, and zod with them,
        // are left out of the bundle.
        moduleSideEffects: (id) => !/[\\/]contract[\\/]src[\\/]api[\\/]/.test(id),
      },
    },
  },
  server: {
    proxy: {
      '/api': apiServer,
      '/healthz': apiServer,
    },
  },
});
