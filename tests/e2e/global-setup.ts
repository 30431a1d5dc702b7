import { spawnSync } from "node:child_process";
import path from "node:path";
import { findChromium } from "./support/chromium";

/** The browser tests run against the production build: build it once per run, and fail early without a browser. */
export default function setup(): void {
  findChromium();
  const result = spawnSync(process.execPath, [path.join("node_modules", "next", "dist", "bin", "next"), "build"], {
    stdio: ["ignore", "pipe", "pipe"],
    // This run's Node first: whatever the build spawns by name is the version under test (CI runs 20, 22 and 24).
    env: { PATH: [path.dirname(process.execPath), "/usr/bin", "/bin"].join(path.delimiter), NODE_ENV: "production", NEXT_TELEMETRY_DISABLED: "1" },
    encoding: "utf8",
  });
  if (result.status !== 0) throw new Error(`next build failed:\n${result.stdout}\n${result.stderr}`);
}
