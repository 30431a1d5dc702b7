import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

const ignored = ["node_modules/**", ".next/**", "build/**", ".data/**"];

/**
 * Three tiers, told apart by where a test lives and how it is named:
 * - unit: no server, no database, no browser (`*.test.ts`);
 * - integration: real HTTP on loopback, PGlite or PostgreSQL, child processes (`*.integration.test.ts`, the
 *   Actions run against stub servers in `*.runtime.test.ts`, and `tests/integration/`);
 * - browser: Chromium against `next start` or `npm run dev` (`tests/e2e/`).
 * `npm run test:unit`, `test:integration` and `test:browser` run one each; `npm test` runs them all.
 */
const integration = ["**/*.integration.test.ts", "**/*.runtime.test.ts", "tests/integration/**/*.test.ts"];
const browser = ["tests/e2e/**/*.test.ts"];

export default defineConfig({
  resolve: { alias: { "@": fileURLToPath(new URL(".", import.meta.url)) } },
  test: {
    testTimeout: 30_000,
    hookTimeout: 120_000,
    projects: [
      {
        extends: true,
        test: { name: "unit", include: ["**/*.test.ts"], exclude: [...ignored, ...integration, ...browser] },
      },
      {
        extends: true,
        test: { name: "integration", include: integration, exclude: [...ignored, ...browser] },
      },
      {
        extends: true,
        test: {
          name: "browser",
          include: browser,
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
