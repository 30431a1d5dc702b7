import { spawn, type ChildProcess } from "node:child_process";
import path from "node:path";

export interface NextServer {
  url: string;
  /** The `next start` process (its server runs in a child of it). */
  pid: number | undefined;
  /** What the server printed, for a failing test's message. */
  output(): string;
  stop(): Promise<void>;
}

const NEXT_BIN = path.join(process.cwd(), "node_modules", "next", "dist", "bin", "next");

/**
 * Starts `next start` (the production build in `.next/`) on loopback with exactly the given environment, and
 * waits until it answers (at most 180 s). Stopped by its process id. `nodeOptions` (e.g. a module to preload) are
 * added to the environment's NODE_OPTIONS, which the server's process, and any child of it, reads.
 */
export async function startNextServer(options: {
  port: number;
  env: Record<string, string | undefined>;
  nodeOptions?: string[];
}): Promise<NextServer> {
  const url = `http://127.0.0.1:${options.port}`;
  const nodeOptions = [options.env.NODE_OPTIONS, ...(options.nodeOptions ?? [])].filter(Boolean).join(" ");
  const child: ChildProcess = spawn(process.execPath, [NEXT_BIN, "start", "-H", "127.0.0.1", "-p", String(options.port)], {
    env: { ...options.env, ...(nodeOptions ? { NODE_OPTIONS: nodeOptions } : {}), NODE_ENV: "production", NEXT_TELEMETRY_DISABLED: "1" },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout?.on("data", (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on("data", (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));

  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill("SIGTERM");
      const timer = setTimeout(() => child.kill("SIGKILL"), 5_000);
      await exited;
      clearTimeout(timer);
    }
  };

  // A new embedded ledger's initdb, run before the server answers, took 100 s on this loaded 2-core machine.
  const deadline = Date.now() + 180_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`next start exited with ${child.exitCode}:\n${output}`);
    try {
      await fetch(`${url}/terms`, { signal: AbortSignal.timeout(2_000) });
      break;
    } catch {
      if (Date.now() > deadline) {
        await stop();
        throw new Error(`next start did not answer within 180 s:\n${output}`);
      }
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  }
  return { url, pid: child.pid, output: () => output, stop };
}
