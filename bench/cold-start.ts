import { createServer, request as httpRequest } from "node:http";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { STEP_COOKIE_NAME } from "../lib/login-steps/step-cookie";
import { freePort } from "../tests/e2e/support/free-port";
import { serverEnvironment, type BenchLedger, type BenchSecrets } from "./bench-config";
import { ConsentInputs } from "./consent-inputs";
import { processTreeCpuMs } from "./process-cpu";
import { startServerProcess } from "./server-process";
import { onShutdown } from "./shutdown";
import { median } from "./stats";

/** The two first requests compared: the terms step's intake, and the framework's floor. */
export const COLD_START_KINDS = ["terms-start", "health"] as const;
export type ColdStartKind = (typeof COLD_START_KINDS)[number];

/**
 * How the first request is sent. `settled`: once the process has finished booting (see `untilIdle`), so that its
 * response time is the first request's own cost. `at-once`: as soon as the port accepts a connection, as a platform
 * routes the request that woke a cold instance; timed from the spawn.
 */
const MODES = ["settled", "at-once"] as const;
type Mode = (typeof MODES)[number];

/**
 * `next start` listens (and logs "Ready") before it loads its handlers and runs `instrumentation.ts` (which opens
 * and migrates the databases: seconds for a new embedded one); a request sent then waits for all of it. Booted =
 * the process tree used at most one clock tick of CPU over a whole window.
 */
const IDLE_WINDOW_MS = 300;
const IDLE_POLL_MS = 50;
const IDLE_MAX_CPU_MS = 10;
const BOOT_TIMEOUT_MS = 120_000;
const REQUEST_TIMEOUT_MS = 60_000;

export interface ColdStartOptions {
  projectDir: string;
  secrets: BenchSecrets;
  /** A ledger for one process (`name` is unique in the run): a new embedded database each, or the PostgreSQL one. */
  ledgerFor(name: string): BenchLedger;
  envFileVariables: readonly string[];
  /** Processes per kind and mode. */
  samples: number;
  log(line: string): void;
}

export interface Spread {
  medianMs: number;
  maxMs: number;
  samplesMs: number[];
}

export interface ColdStartKindResult {
  kind: ColdStartKind;
  request: string;
  /** (a) The first request's response time, sent once the process had booted. */
  firstResponse: Spread;
  /** The same requests' CPU time in the server's process tree (10 ms clock ticks). */
  firstResponseCpu: Spread;
  /** When those processes had booted (gone idle), from their spawn: Next, instrumentation.ts, the databases. */
  booted: Spread;
  /** (b) From the spawn to the first response's complete body, the request sent as soon as the port accepted it. */
  spawnToFirstResponse: Spread;
}

export interface ColdStartResult {
  samples: number;
  kinds: ColdStartKindResult[];
}

/**
 * Fresh `next start` processes, one per measurement, each sent one request: `/terms/start` with a valid session
 * token, or `/api/health`. Kinds and modes alternate so that drift on the machine spreads over all of them.
 */
export async function runColdStart(options: ColdStartOptions): Promise<ColdStartResult> {
  await warmClient();
  const measured = new Map<string, Measurement[]>();
  for (let sample = 1; sample <= options.samples; sample += 1) {
    for (const mode of MODES) {
      for (const kind of COLD_START_KINDS) {
        const measurement = await coldRequest(`cold-${kind}-${mode}-${sample}`, kind, mode, options);
        options.log(
          `cold start ${sample}/${options.samples} ${kind.padEnd(11)} ${mode.padEnd(7)} ${measurement.ms.toFixed(0).padStart(6)} ms` +
            (measurement.bootMs === undefined ? "" : ` (booted after ${measurement.bootMs.toFixed(0)} ms)`),
        );
        measured.set(`${kind}:${mode}`, [...(measured.get(`${kind}:${mode}`) ?? []), measurement]);
      }
    }
  }
  return {
    samples: options.samples,
    kinds: COLD_START_KINDS.map((kind) => {
      const settled = measured.get(`${kind}:settled`) ?? [];
      return {
        kind,
        request: kind === "health" ? "GET /api/health" : "GET /terms/start?session_token=…&state=…",
        firstResponse: spread(settled.map((measurement) => measurement.ms)),
        firstResponseCpu: spread(settled.map((measurement) => measurement.cpuMs ?? Number.NaN)),
        booted: spread(settled.map((measurement) => measurement.bootMs ?? Number.NaN)),
        spawnToFirstResponse: spread((measured.get(`${kind}:at-once`) ?? []).map((measurement) => measurement.ms)),
      };
    }),
  };
}

interface Measurement {
  /** What the mode times: the response (`settled`) or spawn to response (`at-once`). */
  ms: number;
  /** `settled` only: the request's CPU in the server, and when the process had gone idle, from its spawn. */
  cpuMs?: number;
  bootMs?: number;
}

/** One process, one request. */
async function coldRequest(name: string, kind: ColdStartKind, mode: Mode, options: ColdStartOptions): Promise<Measurement> {
  const port = await freePort();
  const env = serverEnvironment({
    appUrl: `http://127.0.0.1:${port}`,
    secrets: options.secrets,
    ledger: options.ledgerFor(name),
    envFileVariables: options.envFileVariables,
  });
  // Signed before the spawn, so that none of the bench's own work falls in the measured time.
  const requestPath = kind === "health" ? "/api/health" : await new ConsentInputs(env).intakePath();
  const child = await startServerProcess({
    nodeArgs: [path.join("node_modules", "next", "dist", "bin", "next"), "start", "-H", "127.0.0.1", "-p", String(port)],
    env,
    cwd: options.projectDir,
    port,
    ready: "listening",
    readyTimeoutMs: BOOT_TIMEOUT_MS,
  });
  const unregister = onShutdown(() => child.stop());
  try {
    if (mode === "at-once") {
      const response = await get(`${child.url}${requestPath}`);
      const done = performance.now();
      checkAnswer(kind, response, child.output());
      return { ms: done - child.spawnedAt };
    }
    const idleSince = await untilIdle(child.pid, child.output);
    const cpuBefore = processTreeCpuMs(child.pid) ?? Number.NaN;
    const sent = performance.now();
    const response = await get(`${child.url}${requestPath}`);
    const done = performance.now();
    const cpuMs = (processTreeCpuMs(child.pid) ?? Number.NaN) - cpuBefore;
    checkAnswer(kind, response, child.output());
    return { ms: done - sent, cpuMs, bootMs: idleSince - child.spawnedAt };
  } finally {
    await child.stop();
    unregister();
  }
}

/**
 * Waits until the process tree has used no more than a tick of CPU over a whole `IDLE_WINDOW_MS`; returns when
 * that window began (`performance.now()`), i.e. when the process went idle.
 */
async function untilIdle(pid: number, output: () => string): Promise<number> {
  const deadline = performance.now() + BOOT_TIMEOUT_MS;
  const readings: Array<{ at: number; cpuMs: number }> = [];
  for (;;) {
    const cpuMs = processTreeCpuMs(pid);
    if (cpuMs === undefined) throw new Error("the cold start needs /proc to tell when a server has booted");
    const at = performance.now();
    readings.push({ at, cpuMs });
    while (readings.length > 1 && at - (readings[1]?.at ?? at) >= IDLE_WINDOW_MS) readings.shift();
    const first = readings[0];
    if (first && at - first.at >= IDLE_WINDOW_MS && cpuMs - first.cpuMs <= IDLE_MAX_CPU_MS) return first.at;
    if (at > deadline) throw new Error(`next start was still busy ${BOOT_TIMEOUT_MS / 1000} s after listening:\n${output()}`);
    await new Promise((resolve) => setTimeout(resolve, IDLE_POLL_MS));
  }
}

interface Answer {
  status: number;
  location?: string;
  setCookie: string[];
  body: string;
}

/** A GET on a connection of its own (no pool, no keep-alive), resolved once the whole body has arrived. */
function get(url: string): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const request = httpRequest(url, { agent: false, timeout: REQUEST_TIMEOUT_MS }, (response) => {
      let body = "";
      response.setEncoding("utf8");
      response.on("data", (chunk: string) => (body += chunk));
      response.on("error", reject);
      response.on("end", () =>
        resolve({
          status: response.statusCode ?? 0,
          ...(response.headers.location ? { location: response.headers.location } : {}),
          setCookie: response.headers["set-cookie"] ?? [],
          body,
        }),
      );
    });
    request.on("timeout", () => request.destroy(new Error(`GET ${url} took longer than ${REQUEST_TIMEOUT_MS / 1000} s`)));
    request.on("error", reject);
    request.end();
  });
}

/** The measured request must have taken the path it claims to, not a fast error page. */
function checkAnswer(kind: ColdStartKind, answer: Answer, output: string): void {
  const ok =
    kind === "health"
      ? answer.status === 200 && answer.body === "ok"
      : answer.status === 303 && answer.location === "/terms" && answer.setCookie.some((cookie) => cookie.startsWith(`${STEP_COOKIE_NAME}=`));
  if (!ok) {
    const expected = kind === "health" ? "200 ok" : "303 to /terms with the step cookie";
    throw new Error(`cold ${kind}: expected ${expected}, got ${answer.status}: ${answer.body.replace(/\s+/g, " ").slice(0, 300)}\n${output}`);
  }
}

/** One request to a server in this process first: the client's own first use (module loading) is then not timed. */
async function warmClient(): Promise<void> {
  const server = createServer((_request, response) => response.end("ok"));
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  try {
    const address = server.address();
    if (typeof address !== "object" || !address) throw new Error("no port");
    await get(`http://127.0.0.1:${address.port}/`);
  } finally {
    await new Promise((resolve) => server.close(resolve));
  }
}

function spread(samplesMs: number[]): Spread {
  return { medianMs: median(samplesMs), maxMs: Math.max(...samplesMs), samplesMs };
}
