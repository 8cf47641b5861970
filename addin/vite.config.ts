import { defineConfig } from "vite";
import react from "@vitejs/plugin-react";
import { iconPngs } from "./scripts/icons.mjs";

// The API serves the built pane and dashboard from its own origin under /addin/ (api/LeadMail.Api/Addin); /dashboard serves dashboard.html.
export default defineConfig({
  base: "/addin/",
  plugins: [
    react(),
    {
      name: "leadmail-icons",
      // The manifest's ribbon icons, drawn at build time so no binary lives in the repository.
      generateBundle() {
        for (const [fileName, source] of iconPngs()) this.emitFile({ type: "asset", fileName, source });
      },
    },
  ],
  build: {
    outDir: "../api/LeadMail.Api/wwwroot/addin",
    emptyOutDir: true,
    target: "es2022",
    sourcemap: false,
    // React + Fluent in one chunk is expected; the budget that matters is gzipped, checked by scripts/report-size.mjs.
    chunkSizeWarningLimit: 700,
    // Two pages, each loading only its own graph: the dashboard's chart.js never reaches the pane (scripts/report-size.mjs checks).
    rollupOptions: { input: { taskpane: "taskpane.html", dashboard: "dashboard.html", try: "try.html" } },
  },
});
