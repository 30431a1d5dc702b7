import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

const ignored = ["node_modules/**", ".next/**", "build/**", ".data/**"];

export default defineConfig({
  resolve: { alias: { "@": fileURLToPath(new URL(".", import.meta.url)) } },
  test: {
    testTimeout: 30_000,
    hookTimeout: 120_000,
    projects: [
      {
        extends: true,
        test: { name: "unit and integration", include: ["**/*.test.ts"], exclude: [...ignored, "tests/e2e/**"] },
      },
      {
        extends: true,
        test: {
          name: "browser",
          include: ["tests/e2e/**/*.test.ts"],
          exclude: ignored,
          globalSetup: ["tests/e2e/global-setup.ts"],
          // One app and one Chromium at a time: the machine has two cores.
          fileParallelism: false,
          testTimeout: 60_000,
        },
      },
    ],
  },
});
