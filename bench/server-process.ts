import { spawn } from "node:child_process";

export interface ServerProcess {
  url: string;
  pid: number;
  /** What the server printed, to explain a failure. */
  output(): string;
  /** SIGTERM to its pid, SIGKILL if it has not exited after `graceMs`. */
  stop(): Promise<void>;
}

export interface ServerProcessOptions {
  /** Arguments to `node` (this process's executable): flags, then the script and its arguments. */
  nodeArgs: string[];
  env: Record<string, string>;
  cwd: string;
  port: number;
  /** Polled with GET until it answers 200. */
  readyPath: string;
  readyTimeoutMs?: number;
  /** A profiled process writes its profile on exit: give it time. */
  graceMs?: number;
}

/** Starts a server in a child process of its own, listening on 127.0.0.1, and waits until it answers. */
export async function startServerProcess(options: ServerProcessOptions): Promise<ServerProcess> {
  const url = `http://127.0.0.1:${options.port}`;
  const child = spawn(process.execPath, options.nodeArgs, {
    cwd: options.cwd,
    // Every server of the bench runs a production build.
    env: { ...options.env, NODE_ENV: "production" },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  const keep = (chunk: Buffer) => {
    // Bounded: a server that logs every request must not grow this process.
    output = (output + chunk.toString()).slice(-20_000);
  };
  child.stdout.on("data", keep);
  child.stderr.on("data", keep);
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  const pid = child.pid;
  if (pid === undefined) throw new Error(`could not start node ${options.nodeArgs.join(" ")}`);

  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    process.kill(pid, "SIGTERM");
    const timer = setTimeout(() => child.exitCode === null && child.signalCode === null && process.kill(pid, "SIGKILL"), options.graceMs ?? 5_000);
    await exited;
    clearTimeout(timer);
  };

  const deadline = Date.now() + (options.readyTimeoutMs ?? 60_000);
  for (;;) {
    if (child.exitCode !== null) throw new Error(`${options.nodeArgs.join(" ")} exited with ${child.exitCode}:\n${output}`);
    try {
      const response = await fetch(`${url}${options.readyPath}`, { signal: AbortSignal.timeout(2_000) });
      await response.arrayBuffer();
      if (response.status === 200) break;
    } catch {
      // Not listening yet.
    }
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`${url}${options.readyPath} did not answer 200 in time:\n${output}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  return { url, pid, output: () => output, stop };
}
