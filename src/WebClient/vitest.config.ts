import { defineConfig } from "vitest/config";
import react from "@vitejs/plugin-react";

// One run, two projects, one JUnit file: `npm test` (scripts/test.sh) passes
// --reporter=junit --outputFile.junit=$JUNIT_OUTPUT on the command line.
export default defineConfig({
  plugins: [react()],
  test: {
    projects: [
      {
        extends: true,
        test: {
          name: "unit",
          environment: "jsdom",
          include: ["src/**/*.test.{ts,tsx}"],
          setupFiles: ["src/test/setup.ts"],
        },
      },
      {
        test: {
          name: "e2e",
          environment: "node",
          include: ["e2e/**/*.e2e.test.ts"],
          globalSetup: ["e2e/global-setup.ts"],
          // One gateway and one browser for the whole run; files share them one after another.
          fileParallelism: false,
          testTimeout: 60_000,
          hookTimeout: 180_000,
        },
      },
    ],
  },
});
