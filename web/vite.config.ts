import { defineConfig } from 'vitest/config';
import react from '@vitejs/plugin-react';

// The bundle goes where the Maven build picks it up as classpath resources (server/…/web/),
// served by the server at `/` (dev.confab.http.StaticFiles).
export default defineConfig({
  plugins: [react()],
  build: {
    outDir: '../server/target/web-dist/web',
    emptyOutDir: true,
    assetsDir: 'assets',
    sourcemap: false,
    // no inline <script> or <style>: the server's Content-Security-Policy forbids them
    modulePreload: { polyfill: false },
  },
  server: { proxy: { '/api': 'http://127.0.0.1:8080', '/rtm': { target: 'ws://127.0.0.1:8080', ws: true } } },
  test: {
    environment: 'jsdom',
    include: ['src/**/*.test.{ts,tsx}'],
  },
});
