import { mkdir } from "node:fs/promises";
import path from "node:path";
import { freePort } from "../tests/e2e/support/free-port";
import { serverEnvironment, type BenchLedger, type BenchSecrets } from "./bench-config";
import { ConsentInputs } from "./consent-inputs";
import { runRound, type LoadRequest, type RoundResult } from "./load-round";
import { readMainProfile, summarizeProfile, type ProfileSummary } from "./profile-summary";
import { startServerProcess, type ServerProcess } from "./server-process";
import { onShutdown } from "./shutdown";
import { median, sum } from "./stats";

export const ROUTES = ["health", "intake", "page", "accept-replay", "accept-new"] as const;
export type Route = (typeof ROUTES)[number];
export type ServerName = "next" | "node";

interface ServerSpec {
  name: ServerName;
  label: string;
  healthPath: string;
  routes: readonly Route[];
  /** Node arguments after any profiling flags. */
  script(port: number): string[];
}

const SERVERS: readonly ServerSpec[] = [
  {
    name: "next",
    label: "next start",
    healthPath: "/api/health",
    routes: ROUTES,
    script: (port) => [path.join("node_modules", "next", "dist", "bin", "next"), "start", "-H", "127.0.0.1", "-p", String(port)],
  },
  {
    // The same intake and accept code as the routes, on bare node:http: the limit.
    name: "node",
    label: "node:http adapter",
    healthPath: "/health",
    routes: ["health", "intake", "page", "accept-replay", "accept-new"],
    script: (port) => ["--import", "tsx", path.join("bench", "node-adapter-server.ts"), String(port)],
  },
];

/** What each route answers when it works, checked on one request before any load. */
const EXPECTED: Record<Route, { status: number; check(response: Response, body: string): boolean; what: string }> = {
  health: { status: 200, check: (_response, body) => body === "ok", what: "200 ok" },
  intake: {
    status: 303,
    check: (response) => response.headers.get("location") === "/terms" && /^consent_step=/.test(response.headers.get("set-cookie") ?? ""),
    what: "303 to /terms with the step cookie",
  },
  page: { status: 200, check: (_response, body) => body.includes('action="/terms/accept"'), what: "200 with the accept form" },
  "accept-replay": { status: 200, check: (_response, body) => body.includes('name="session_token"'), what: "200 hand-off form" },
  "accept-new": { status: 200, check: (_response, body) => body.includes('name="session_token"'), what: "200 hand-off form" },
};

/**
 * The pool of step cookies for a round of new logins: twice the requests expected at the best rate seen so far
 * on that server (rates swing with the machine's other work), and at first a guess well above any seen here.
 */
const POOL_MARGIN = 2;
const FIRST_RATE_GUESS = 2_000;
const MAX_POOL = 200_000;

export interface HotPathOptions {
  projectDir: string;
  secrets: BenchSecrets;
  /** Builds a server's ledger; each server gets its own embedded database, or they share the PostgreSQL one. */
  ledgerFor(server: ServerName): BenchLedger;
  envFileVariables: readonly string[];
  rounds: number;
  durationSeconds: number;
  warmupSeconds: number;
  connections: number;
  /** Target names (`next:intake`) to run; all when absent. */
  targets?: ReadonlySet<string>;
  /** Run the servers under `node --cpu-prof`, writing here. */
  profileDir?: string;
  log(line: string): void;
}

export interface TargetSummary {
  name: string;
  server: ServerName;
  route: Route;
  rounds: RoundResult[];
  /** Medians over rounds. */
  requestsPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  /** Sums over rounds. */
  errors: number;
  unexpected: number;
  poolOverrun: number;
  /** Server CPU time over all rounds divided by the responses of all rounds. */
  cpuMsPerRequest?: number;
  /** Median share of one core the load generator used: near 100, the client, not the server, was the bound. */
  clientCpuPercent: number;
  /** Median share of the machine used by other processes during the rounds. */
  backgroundCpuPercent?: number;
}

export interface HotPathResult {
  servers: Array<{ name: ServerName; label: string }>;
  targets: TargetSummary[];
  profiles: ProfileSummary[];
}

interface Target {
  name: string;
  server: ServerSpec;
  route: Route;
}

/**
 * Starts `next start` and the node:http adapter (each in its own process, same configuration), then runs every
 * target for a warm-up and `rounds` measured rounds, alternating targets within each round so that drift on the
 * machine spreads over all of them.
 */
export async function runHotPath(options: HotPathOptions): Promise<HotPathResult> {
  const targets: Target[] = ROUTES.flatMap((route) =>
    SERVERS.filter((server) => server.routes.includes(route)).map((server) => ({ name: `${server.name}:${route}`, server, route })),
  ).filter((target) => !options.targets || options.targets.has(target.name));
  if (targets.length === 0) {
    const names = SERVERS.flatMap((server) => server.routes.map((route) => `${server.name}:${route}`));
    throw new Error(`no hot-path target matches --targets (names: ${names.join(", ")})`);
  }
  const specs = SERVERS.filter((server) => targets.some((target) => target.server === server));

  const running = new Map<ServerName, { child: ServerProcess; inputs: ConsentInputs }>();
  const stopAll = async () => {
    await Promise.all([...running.values()].map(({ child }) => child.stop()));
  };
  const unregister = onShutdown(stopAll);
  try {
    for (const spec of specs) {
      const port = await freePort();
      const env = serverEnvironment({
        appUrl: `http://127.0.0.1:${port}`,
        secrets: options.secrets,
        ledger: options.ledgerFor(spec.name),
        envFileVariables: options.envFileVariables,
      });
      const profileFlags = options.profileDir ? await profileFlagsFor(options.profileDir, spec.name) : [];
      options.log(`starting ${spec.label} on 127.0.0.1:${port}${options.profileDir ? " (profiled)" : ""}`);
      const child = await startServerProcess({
        nodeArgs: [...profileFlags, ...spec.script(port)],
        env,
        cwd: options.projectDir,
        port,
        ready: { path: spec.healthPath },
        graceMs: options.profileDir ? 60_000 : 5_000,
      });
      running.set(spec.name, { child, inputs: new ConsentInputs(env) });
    }
    const serverOf = (target: Target) => {
      const server = running.get(target.server.name);
      if (!server) throw new Error(`${target.server.label} is not running`);
      return server;
    };

    // First an answer on each server, whatever the targets: it opens and migrates the ledger (initdb of a new
    // embedded database blocks the server's event loop for seconds), which must not fall into a measured round.
    const primers = specs.map((server): Target => ({ name: `${server.name}:accept-replay`, server, route: "accept-replay" }));
    for (const target of [...primers, ...targets]) {
      const { child, inputs } = serverOf(target);
      await preflight(target, child.url, await requestFor(target, child.url, inputs, 1, options.connections));
    }

    const bestRate = new Map<string, number>();
    const results = new Map<string, RoundResult[]>(targets.map((target) => [target.name, []]));
    for (let round = 0; round <= options.rounds; round += 1) {
      const warmup = round === 0;
      for (const target of targets) {
        const { child, inputs } = serverOf(target);
        const seconds = warmup ? options.warmupSeconds : options.durationSeconds;
        const rate = Math.max(bestRate.get(target.name) ?? 0, bestRate.get(`${target.server.name}:accept-replay`) ?? 0) || FIRST_RATE_GUESS;
        const request = await requestFor(target, child.url, inputs, rate * seconds, options.connections);
        const result = await runRound({
          url: child.url,
          request,
          expectedStatus: EXPECTED[target.route].status,
          connections: options.connections,
          seconds,
          serverPid: child.pid,
        });
        bestRate.set(target.name, Math.max(bestRate.get(target.name) ?? 0, result.requestsPerSecond));
        if (!warmup) results.get(target.name)?.push(result);
        options.log(
          `${warmup ? "warm-up" : `round ${round}/${options.rounds}`} ${target.name.padEnd(18)} ` +
            `${result.requestsPerSecond.toFixed(0).padStart(6)} req/s  p99 ${result.p99Ms.toFixed(1)} ms` +
            (result.backgroundCpuPercent !== undefined ? `  background ${result.backgroundCpuPercent.toFixed(0)}%` : "") +
            (result.errors + result.unexpected > 0 ? `  ${result.errors} errors, ${result.unexpected} unexpected ${JSON.stringify(result.statusCounts)}` : ""),
        );
      }
    }
    // Profiles are written when the servers exit.
    await stopAll();
    const summaries = targets.map((target) => summarize(target, results.get(target.name) ?? []));
    return {
      servers: specs.map((spec) => ({ name: spec.name, label: spec.label })),
      targets: summaries,
      profiles: options.profileDir ? profileSummaries(options.profileDir, summaries, options.projectDir) : [],
    };
  } finally {
    await stopAll();
    unregister();
  }
}

async function profileFlagsFor(profileDir: string, server: ServerName): Promise<string[]> {
  const directory = path.join(profileDir, server);
  await mkdir(directory, { recursive: true });
  return ["--cpu-prof", "--cpu-prof-dir", directory];
}

/** For each target, where its server's CPU time went during the target's measured rounds. */
function profileSummaries(profileDir: string, targets: readonly TargetSummary[], projectDir: string): ProfileSummary[] {
  const profiles = new Map<ServerName, ReturnType<typeof readMainProfile>>();
  return targets.flatMap((target) => {
    if (!profiles.has(target.server)) profiles.set(target.server, readMainProfile(path.join(profileDir, target.server)));
    const profile = profiles.get(target.server);
    return profile ? [summarizeProfile(target.name, profile, target.rounds.map((round) => round.window), projectDir)] : [];
  });
}

/** The request a target sends; for new logins, a pool of step cookies for `expectedRequests` and then some. */
async function requestFor(target: Target, url: string, inputs: ConsentInputs, expectedRequests: number, connections: number): Promise<LoadRequest> {
  const accept = (cookie: Partial<LoadRequest>): LoadRequest => ({
    method: "POST",
    path: "/terms/accept",
    // What a browser sends with the form: its origin (checked), the form type, and a user agent (recorded).
    headers: { origin: url, "content-type": "application/x-www-form-urlencoded", "user-agent": "product-xyz-bench", ...cookie.headers },
    body: "agree=yes",
    ...(cookie.cookiePool ? { cookiePool: cookie.cookiePool } : {}),
  });
  switch (target.route) {
    case "health":
      return { method: "GET", path: target.server.healthPath };
    case "intake":
      return { method: "GET", path: await inputs.intakePath() };
    case "page":
      return { method: "GET", path: "/terms", headers: { cookie: await inputs.stepCookie() } };
    case "accept-replay":
      // One login answered over and over: the first request records, every other one finds the record and re-signs.
      return accept({ headers: { cookie: await inputs.stepCookie() } });
    case "accept-new": {
      const size = Math.min(MAX_POOL, Math.ceil(expectedRequests * POOL_MARGIN) + 2 * connections);
      return accept({ cookiePool: await inputs.stepCookies(size) });
    }
  }
}

/** One request before any load, so that a round measures the path it claims to (not a fast error page). */
async function preflight(target: Target, url: string, request: LoadRequest): Promise<void> {
  const cookie = request.cookiePool?.[0];
  const response = await fetch(`${url}${request.path}`, {
    method: request.method,
    headers: { ...request.headers, ...(cookie ? { cookie } : {}) },
    ...(request.body ? { body: request.body } : {}),
    redirect: "manual",
    // The first answer of a server opens and migrates its ledger: seconds, many more under --cpu-prof.
    signal: AbortSignal.timeout(120_000),
  });
  const body = await response.text();
  const expected = EXPECTED[target.route];
  if (response.status !== expected.status || !expected.check(response, body)) {
    throw new Error(`${target.name}: expected ${expected.what}, got ${response.status}: ${body.replace(/\s+/g, " ").slice(0, 300)}`);
  }
}

function summarize(target: Target, rounds: RoundResult[]): TargetSummary {
  const cpu = rounds.map((round) => round.serverCpuMs);
  const requests = sum(rounds.map((round) => round.requests));
  return {
    name: target.name,
    server: target.server.name,
    route: target.route,
    rounds,
    requestsPerSecond: median(rounds.map((round) => round.requestsPerSecond)),
    p50Ms: median(rounds.map((round) => round.p50Ms)),
    p99Ms: median(rounds.map((round) => round.p99Ms)),
    errors: sum(rounds.map((round) => round.errors)),
    unexpected: sum(rounds.map((round) => round.unexpected)),
    poolOverrun: sum(rounds.map((round) => round.poolOverrun)),
    ...(cpu.every((ms) => ms !== undefined) && requests > 0 ? { cpuMsPerRequest: sum(cpu.map((ms) => ms ?? 0)) / requests } : {}),
    clientCpuPercent: median(rounds.map((round) => (100 * round.clientCpuMs) / (round.seconds * 1000))),
    ...(rounds.every((round) => round.backgroundCpuPercent !== undefined)
      ? { backgroundCpuPercent: median(rounds.map((round) => round.backgroundCpuPercent ?? 0)) }
      : {}),
  };
}
