import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { cpSync, mkdirSync, readdirSync, rmSync } from "node:fs";
import { homedir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";

const REPOSITORY = fileURLToPath(new URL("../..", import.meta.url));
/**
 * Left behind: what a fresh clone lacks (packages, env files, data, builds), and the lock file, so that Turbopack
 * takes the repository, whose `node_modules` the copy uses, as its root.
 */
const NOT_COPIED = new Set(["package-lock.json", "node_modules", ".git", ".next", ".data", "build", "test-results", "bench-results", ".env", ".env.local"]);

export interface ScriptRun {
  /** The project copy the script runs in. */
  dir: string;
  /** stdout and stderr as printed so far, interleaved. */
  output(): string;
  /** Resolves with the output once it contains `text`; rejects if the process exits first or after `timeoutMs`. */
  waitFor(text: string | RegExp, timeoutMs: number): Promise<string>;
  /** The exit code (null: killed by a signal). */
  exited: Promise<number | null>;
  stop(): Promise<void>;
}

/**
 * `npm run <script> -- <args>` as a new user runs it (`npm run dev`, `npm run tenant:local`), in a fresh copy of the project (in the git-ignored `.data/`, so that packages
 * resolve from the repository's `node_modules`), with exactly `env`: no developer's `.env.local`, data or `.next`
 * leaks in, and nothing it writes leaks out. The process group is stopped by its id, and the copy removed.
 */
export function startNpmScript(script: string, env: Record<string, string>, args: string[] = []): ScriptRun {
  const dir = path.join(REPOSITORY, ".data", "npm-scripts", randomBytes(6).toString("hex"));
  mkdirSync(dir, { recursive: true });
  try {
    for (const entry of readdirSync(REPOSITORY)) {
      if (!NOT_COPIED.has(entry)) cpSync(path.join(REPOSITORY, entry), path.join(dir, entry), { recursive: true });
    }
  } catch (error) {
    rmSync(dir, { recursive: true, force: true });
    throw error;
  }
  const child = spawn("npm", ["run", script, ...(args.length > 0 ? ["--", ...args] : [])], {
    cwd: dir,
    detached: true,
    stdio: ["ignore", "pipe", "pipe"],
    env: {
      PATH: [path.dirname(process.execPath), "/usr/local/bin", "/usr/bin", "/bin"].join(path.delimiter),
      HOME: homedir(),
      NODE_ENV: "development",
      NEXT_TELEMETRY_DISABLED: "1",
      ...env,
    },
  });
  let output = "";
  const listeners = new Set<() => void>();
  const append = (chunk: Buffer) => {
    output += chunk.toString();
    for (const listener of listeners) listener();
  };
  child.stdout.on("data", append);
  child.stderr.on("data", append);
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
  let gone = false;
  void exited.then(() => {
    gone = true;
    for (const listener of listeners) listener();
  });
  const pid = child.pid ?? 0;
  const signal = (name: NodeJS.Signals) => {
    try {
      process.kill(-pid, name);
    } catch {
      // The group is gone already.
    }
  };
  return {
    dir,
    output: () => output,
    exited,
    waitFor(text, timeoutMs) {
      const found = () => (typeof text === "string" ? output.includes(text) : text.test(output));
      return new Promise((resolve, reject) => {
        const check = () => {
          if (found()) done(() => resolve(output));
          else if (gone) done(() => reject(new Error(`npm run ${script} exited before printing ${String(text)}:\n${output}`)));
        };
        const timer = setTimeout(() => done(() => reject(new Error(`npm run ${script} did not print ${String(text)} within ${timeoutMs / 1000} s:\n${output}`))), timeoutMs);
        const done = (settle: () => void) => {
          clearTimeout(timer);
          listeners.delete(check);
          settle();
        };
        listeners.add(check);
        check();
      });
    },
    async stop() {
      if (!gone) {
        signal("SIGTERM");
        const timer = setTimeout(() => signal("SIGKILL"), 10_000);
        await exited;
        clearTimeout(timer);
      }
      // Stragglers of the group (next dev's workers) once npm itself has exited.
      signal("SIGKILL");
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
