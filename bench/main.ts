/**
 * `npm run bench`: the consent hot path against its floor and its limit, the login detour, the tokens minted per
 * login, and the page weight of the terms step, in one command. Prints a table and writes the same figures as JSON
 * to `bench-results/`. Targets are reported (PASS/MISS), never asserted: benchmarks are not tests.
 */
import { existsSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { startStack, type Stack } from "../tests/e2e/support/stack";
import { envFileVariables, generateSecrets, type BenchLedger } from "./bench-config";
import { ensureBuild } from "./build";
import { runColdStart } from "./cold-start";
import { parseBenchArgs, USAGE, UsageError, type BenchOptions, type Phase } from "./cli-args";
import { runConcurrentLogins } from "./concurrent-logins";
import { privateSchema } from "../lib/database/testing/private-schema";
import { runHotPath } from "./hot-path";
import { runLoginDetour } from "./login-detour";
import { machineFacts } from "./machine";
import { measurePageWeight } from "./page-weight";
import { evaluateTargets, renderReport, writeReport, type BenchReport } from "./report";
import { serverTimingOf } from "./server-timing";
import { onShutdown, stopOnSignals } from "./shutdown";
import { runTokensMinted } from "./tokens-minted";

const RESULTS_DIRECTORY = "bench-results";
/** Time allowed to each login phase; the logins stop there (and the phase fails) rather than overrun the run. */
const LOGIN_PHASE_BUDGET_MS = { full: 2 * 60_000, quick: 60_000 };
/** Each of the concurrent logins stops there (and counts as an error) rather than hold the run. */
const CONCURRENT_LOGIN_TIMEOUT_MS = 3 * 60_000;

const log = (line: string) => console.error(`[bench] ${line}`);

async function main(argv: string[]): Promise<number> {
  let options: BenchOptions | "help";
  try {
    options = parseBenchArgs(argv);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    console.error(`${error.message}\n\n${USAGE}`);
    return 2;
  }
  if (options === "help") {
    console.log(USAGE);
    return 0;
  }
  const projectDir = process.cwd();
  if (!existsSync(path.join(projectDir, "next.config.js"))) {
    console.error("Run the bench from the project's root: npm run bench");
    return 2;
  }
  stopOnSignals();
  const started = new Date();
  const report: Omit<BenchReport, "targets" | "seconds"> = {
    startedAt: started.toISOString(),
    machine: machineFacts(projectDir),
    settings: {
      quick: options.quick,
      profile: options.profile,
      ledger: options.databaseUrl ? "PostgreSQL (--database-url)" : "embedded PGlite, one per server, in a temporary folder",
      rounds: options.rounds,
      durationSeconds: options.durationSeconds,
      warmupSeconds: options.warmupSeconds,
      connections: options.connections,
      coldStartSamples: options.coldStartSamples,
      detourLogins: options.detourLogins,
      tokenLogins: options.tokenLogins,
      concurrentLogins: options.concurrentLogins,
    },
    builds: [],
    failures: [],
  };
  const phase = async <T>(name: Phase | "build" | "stack", work: () => Promise<T>): Promise<T | undefined> => {
    try {
      return await work();
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      log(`${name} failed: ${message}`);
      report.failures.push({ phase: name, message });
      return undefined;
    }
  };
  const wants = (name: Phase) => options.phases.has(name);

  const build = async () => {
    const outcome = await phase("build", () => ensureBuild(projectDir, log));
    if (outcome) report.builds.push(outcome);
    return outcome;
  };
  if (await build()) {
    if (wants("hot-path")) report.hotPath = await phase("hot-path", () => hotPath(projectDir, options, started));
    if (wants("cold-start") && (await build())) report.coldStart = await phase("cold-start", () => coldStart(projectDir, options));
    if (wants("login-detour") || wants("tokens-minted") || wants("page-weight")) {
      // Again: something else may have rebuilt or removed .next/ meanwhile (a test run's build).
      if (await build()) await withStack(projectDir, options, report, phase);
    }
    if (wants("concurrent-logins") && (await build())) {
      report.concurrentLogins = await phase("concurrent-logins", () => concurrentLogins(options));
    }
  }

  const finished: BenchReport = { ...report, seconds: (Date.now() - started.getTime()) / 1000, targets: evaluateTargets(report) };
  console.log(renderReport(finished));
  const file = await writeReport(path.join(projectDir, RESULTS_DIRECTORY), finished);
  console.log(`\nFigures written to ${path.relative(projectDir, file)} (${finished.seconds.toFixed(0)} s)`);
  return report.failures.length > 0 ? 1 : 0;
}

/** `work` with a ledger maker: the `--database-url` database, else an embedded one per name in a temporary folder. */
async function withLedgers<T>(options: BenchOptions, work: (ledgerFor: (name: string) => BenchLedger) => Promise<T>): Promise<T> {
  const scratch = await mkdtemp(path.join(os.tmpdir(), "product-xyz-bench-"));
  try {
    const { databaseUrl } = options;
    return await work((name) => (databaseUrl ? { databaseUrl } : { embeddedDataDir: path.join(scratch, `${name}-ledger`) }));
  } finally {
    await rm(scratch, { recursive: true, force: true });
  }
}

function hotPath(projectDir: string, options: BenchOptions, started: Date) {
  return withLedgers(options, async (ledgerFor) =>
    runHotPath({
      projectDir,
      secrets: generateSecrets(),
      ledgerFor,
      envFileVariables: await envFileVariables(projectDir),
      rounds: options.rounds,
      durationSeconds: options.durationSeconds,
      warmupSeconds: options.warmupSeconds,
      connections: options.connections,
      ...(options.targets ? { targets: options.targets } : {}),
      ...(options.profile
        ? { profileDir: path.join(projectDir, RESULTS_DIRECTORY, `profiles-${started.toISOString().replace(/[:.]/g, "-")}`) }
        : {}),
      log,
    }),
  );
}

function coldStart(projectDir: string, options: BenchOptions) {
  return withLedgers(options, async (ledgerFor) =>
    runColdStart({
      projectDir,
      secrets: generateSecrets(),
      ledgerFor,
      envFileVariables: await envFileVariables(projectDir),
      samples: options.coldStartSamples,
      log,
    }),
  );
}

/** The local tenant configured by the real sync, and `next start` of the build: the phases that log in. */
async function withStack(
  projectDir: string,
  options: BenchOptions,
  report: Omit<BenchReport, "targets" | "seconds">,
  phase: <T>(name: Phase | "stack", work: () => Promise<T>) => Promise<T | undefined>,
): Promise<void> {
  const wants = (name: Phase) => options.phases.has(name);
  const budget = options.quick ? LOGIN_PHASE_BUDGET_MS.quick : LOGIN_PHASE_BUDGET_MS.full;
  // next start writes the server time of the requests the bench tags here, for the login detour.
  const scratch = await mkdtemp(path.join(os.tmpdir(), "product-xyz-bench-"));
  const serverTimingFile = path.join(scratch, "server-times.txt");
  const timing = serverTimingOf(serverTimingFile);
  // Page weight alone needs no server: it then reads the manifests only.
  const stack: Stack | undefined =
    wants("login-detour") || wants("tokens-minted")
      ? await phase("stack", () => {
          log("starting the local tenant, the sync and next start…");
          const ledger: Record<string, string> = options.databaseUrl ? { DATABASE_URL: options.databaseUrl } : {};
          return startStack({ env: { ...ledger, ...timing.env }, nodeOptions: timing.nodeOptions });
        })
      : undefined;
  const unregister = stack ? onShutdown(() => stack.stop()) : () => undefined;
  try {
    // First, while .next/ is certainly the build just checked (a test run elsewhere may rebuild it later).
    if (wants("page-weight")) {
      report.pageWeight = await phase("page-weight", () => measurePageWeight(projectDir, ["/terms", "/"], stack?.appUrl));
    }
    // Tokens next, while no login has filled the Actions' token caches: the first fill is part of the count.
    if (stack && wants("tokens-minted")) {
      report.tokensMinted = await phase("tokens-minted", () =>
        runTokensMinted(stack, { logins: options.tokenLogins, deadline: Date.now() + budget, log }),
      );
    }
    if (stack && wants("login-detour")) {
      report.loginDetour = await phase("login-detour", () =>
        runLoginDetour(stack, { pairs: options.detourLogins, deadline: Date.now() + budget, serverTimingFile, log }),
      );
    }
  } finally {
    await stack?.stop();
    unregister();
    await rm(scratch, { recursive: true, force: true });
  }
}

/**
 * A stack of its own, so that the ledger holds this phase's rows only: a fresh embedded PGlite, or a schema of its
 * own in the `--database-url` database, dropped afterwards.
 */
async function concurrentLogins(options: BenchOptions) {
  const schema = options.databaseUrl ? await privateSchema(options.databaseUrl, "bench_logins") : undefined;
  try {
    log("starting the local tenant, the sync and next start for the concurrent logins…");
    const stack = await startStack(schema ? { env: { DATABASE_URL: schema.url } } : {});
    const unregister = onShutdown(() => stack.stop());
    try {
      return await runConcurrentLogins(stack, { logins: options.concurrentLogins, timeoutMs: CONCURRENT_LOGIN_TIMEOUT_MS, log });
    } finally {
      await stack.stop();
      unregister();
    }
  } finally {
    await schema?.drop();
  }
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
