import { spawn } from "node:child_process";
import { readdirSync, statSync } from "node:fs";
import path from "node:path";
import { CodedError } from "../contract/coded-error";

/** What `next build` compiles: a change to any of these makes the build in `.next/` stale. */
const SOURCE_DIRECTORIES = ["app", "lib", "contract", "content", "public"];
const SOURCE_FILES = ["next.config.js", "proxy.ts", "instrumentation.ts", "package.json", "package-lock.json", "tsconfig.json"];
const BUILD_TIMEOUT_MS = 6 * 60_000;
/** Another `next build` of this project (a test run's) is waited for, this long at most, checking every few seconds. */
const OTHER_BUILD_WAIT_MS = 3 * 60_000;
const OTHER_BUILD_POLL_MS = 3_000;

class OtherBuildRunning extends CodedError<"ERR_BENCH_OTHER_BUILD_RUNNING"> {
  constructor() {
    super("ERR_BENCH_OTHER_BUILD_RUNNING", `another next build of this project was still running after ${OTHER_BUILD_WAIT_MS / 60_000} minutes`);
  }
}

export interface BuildOutcome {
  built: boolean;
  /** Why it was (not) built. */
  reason: string;
  seconds?: number;
}

/**
 * Runs `next build` when `.next/BUILD_ID` is missing or older than a source, so the bench measures the current
 * code. When another build of the project is running, waits for it and uses its result if it is fresh.
 */
export async function ensureBuild(projectDir: string, log: (line: string) => void): Promise<BuildOutcome> {
  const deadline = Date.now() + OTHER_BUILD_WAIT_MS;
  for (;;) {
    const stale = staleness(projectDir);
    if (!stale) return { built: false, reason: "the build in .next/ is newer than every source" };
    log(`next build (${stale})…`);
    const started = Date.now();
    try {
      await run(projectDir);
      return { built: true, reason: stale, seconds: (Date.now() - started) / 1000 };
    } catch (error) {
      if (!(error instanceof OtherBuildRunning) || Date.now() > deadline) throw error;
      log("another next build of this project is running: waiting for it");
      await new Promise((resolve) => setTimeout(resolve, OTHER_BUILD_POLL_MS));
    }
  }
}

/** Why the build is stale, or `undefined` when it is not. */
function staleness(projectDir: string): string | undefined {
  const buildTime = mtimeMs(path.join(projectDir, ".next", "BUILD_ID"));
  if (buildTime === undefined) return "no build in .next/";
  const newest = newestSource(projectDir);
  return newest && newest.mtimeMs > buildTime ? `${newest.file} changed since the last build` : undefined;
}

function run(projectDir: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [path.join("node_modules", "next", "dist", "bin", "next"), "build"], {
      cwd: projectDir,
      // As the browser tests build: a production build needs no secrets.
      env: { PATH: "/usr/bin:/bin", NODE_ENV: "production", NEXT_TELEMETRY_DISABLED: "1" },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let output = "";
    const keep = (chunk: Buffer) => (output = (output + chunk.toString()).slice(-20_000));
    child.stdout.on("data", keep);
    child.stderr.on("data", keep);
    const timer = setTimeout(() => child.pid !== undefined && process.kill(child.pid, "SIGKILL"), BUILD_TIMEOUT_MS);
    child.once("exit", (code, signal) => {
      clearTimeout(timer);
      if (code === 0) resolve();
      else if (output.includes("Another next build process is already running")) reject(new OtherBuildRunning());
      else reject(new Error(`next build failed (${signal ?? `exit ${code}`}):\n${output}`));
    });
  });
}

function mtimeMs(file: string): number | undefined {
  try {
    return statSync(file).mtimeMs;
  } catch {
    return undefined;
  }
}

function newestSource(projectDir: string): { file: string; mtimeMs: number } | undefined {
  let newest: { file: string; mtimeMs: number } | undefined;
  const consider = (file: string) => {
    const time = mtimeMs(path.join(projectDir, file));
    if (time !== undefined && (!newest || time > newest.mtimeMs)) newest = { file, mtimeMs: time };
  };
  SOURCE_FILES.forEach(consider);
  const walk = (directory: string) => {
    let entries;
    try {
      entries = readdirSync(path.join(projectDir, directory), { withFileTypes: true });
    } catch {
      return;
    }
    for (const entry of entries) {
      const file = path.join(directory, entry.name);
      if (entry.isDirectory()) walk(file);
      // Tests are not part of the build.
      else if (!/\.test\.tsx?$/.test(entry.name)) consider(file);
    }
  };
  SOURCE_DIRECTORIES.forEach(walk);
  return newest;
}
