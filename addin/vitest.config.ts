import { defineConfig } from "vitest/config";

// Unit tests of the pane's pure logic; apart from vite.config.ts so the production build never loads vitest.
export default defineConfig({
  test: { include: ["src/**/*.test.ts"], environment: "node" },
});
