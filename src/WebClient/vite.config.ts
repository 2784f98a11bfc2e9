import { defineConfig } from "vite";
import react from "@vitejs/plugin-react";

// The gateway serves dist/ at "/" (src/Gateway/Hosting/WebClientHosting.cs). During `npm run dev`
// the Vite server proxies the API and the hub to a gateway on GATEWAY_URL (default port 5000).
const gateway = process.env.GATEWAY_URL ?? "http://127.0.0.1:5000";

export default defineConfig({
  plugins: [react()],
  build: {
    outDir: "dist",
    emptyOutDir: true,
    // Nothing inlined as data: URLs: every asset is a hashed file the gateway caches for a year.
    assetsInlineLimit: 0,
    target: "es2022",
  },
  server: {
    port: 5173,
    strictPort: true,
    proxy: {
      "/api": { target: gateway, changeOrigin: false },
      "/hubs": { target: gateway, ws: true, changeOrigin: false },
    },
  },
});
