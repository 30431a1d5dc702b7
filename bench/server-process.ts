import { spawn } from "node:child_process";
import { connect } from "node:net";
import { performance } from "node:perf_hooks";

export interface ServerProcess {
  url: string;
  pid: number;
  /** When it was spawned, on `performance.now()`'s clock. */
  spawnedAt: number;
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
  /**
   * How to tell it is up: a path polled with GET until it answers 200, or `"listening"`: the port accepts a TCP
   * connection, and the server is sent no request (a cold start's first request must be the measured one).
   */
  ready: { path: string } | "listening";
  readyTimeoutMs?: number;
  /** A profiled process writes its profile on exit: give it time. */
  graceMs?: number;
}

/** Starts a server in a child process of its own, listening on 127.0.0.1, and waits until it is up. */
export async function startServerProcess(options: ServerProcessOptions): Promise<ServerProcess> {
  const url = `http://127.0.0.1:${options.port}`;
  const { ready } = options;
  const readiness = ready === "listening" ? `127.0.0.1:${options.port} accepting connections` : `${url}${ready.path} answering 200`;
  const spawnedAt = performance.now();
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
    if (ready === "listening" ? await accepts(options.port) : await answers200(`${url}${ready.path}`)) break;
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`no ${readiness} in time:\n${output}`);
    }
    // Finer for a bare connection: a cold start's figures include this wait.
    await new Promise((resolve) => setTimeout(resolve, ready === "listening" ? 20 : 200));
  }
  return { url, pid, spawnedAt, output: () => output, stop };
}

async function answers200(url: string): Promise<boolean> {
  try {
    const response = await fetch(url, { signal: AbortSignal.timeout(2_000) });
    await response.arrayBuffer();
    return response.status === 200;
  } catch {
    // Not listening yet.
    return false;
  }
}

/** Whether 127.0.0.1:`port` accepts a TCP connection; the connection is closed at once, having sent nothing. */
function accepts(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host: "127.0.0.1", port });
    socket.once("connect", () => {
      socket.destroy();
      resolve(true);
    });
    socket.once("error", () => resolve(false));
  });
}
