import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import os from "node:os";
import path from "node:path";
import type { Stack } from "../tests/e2e/support/stack";
import { auditorToken } from "../tests/e2e/support/auditor";
import type { TimedSignUp } from "../tests/support/timed-sign-up";
import type { DriverInput, DriverOutput } from "./login-driver";
import { processTreeCpuMs } from "./process-cpu";
import { median, percentile } from "./stats";

export interface StepFigures {
  step: string;
  /** Logins that completed this step. */
  count: number;
  p50Ms: number;
  p99Ms: number;
  /** Logins that stopped at this step. */
  errors: number;
}

export interface ConcurrentLoginsResult {
  logins: number;
  completed: number;
  errors: number;
  /** Per step, in the order a login goes through them. */
  steps: StepFigures[];
  total: { p50Ms: number; p99Ms: number };
  wallSeconds: number;
  /** A few of the failures, as the client saw them. */
  sampleErrors: string[];
  /** Logins whose `terms accept` answered the hand-off: each must have exactly one ledger row. */
  acceptances: number;
  /** Rows in the ledger (a fresh one per run), read through the auditor's `GET /api/consents`. */
  rows: number;
  /** Rows beyond the first of one user and terms version. */
  duplicates: number;
  /**
   * CPU milliseconds per login, whatever the machine's load: the local tenant (this process), the HTTP client
   * driving the logins (a child process) and `next start`'s process tree. With the machine to themselves, the
   * logins need at least logins x (tenant + app + client) / cores of wall time.
   */
  cpuMsPerLogin: { tenant: number; client: number; app?: number };
  /** 1-minute load average before and after: above the core count, other work shared the machine. */
  loadAverage: { before: number; after: number; cores: number };
}

const ACCEPT_STEP = "terms accept";
const SAMPLE_ERRORS = 5;

/**
 * `logins` new users sign up at the same moment through the running app and the local tenant, each all the way to
 * the signed-in product page (`timedSignUp`), driven from a child process (`login-driver.ts`). Every login is
 * bounded by `timeoutMs`; a login still running then counts as an error at the step it was in. Then the ledger is
 * read through the auditor's API.
 */
export async function runConcurrentLogins(
  stack: Stack,
  options: { logins: number; timeoutMs: number; log?: (line: string) => void },
): Promise<ConcurrentLoginsResult> {
  const log = options.log ?? (() => undefined);
  const loadBefore = os.loadavg()[0] ?? 0;
  log(`${options.logins} concurrent sign-ups (load average ${loadBefore.toFixed(2)} on ${os.availableParallelism()} cores)…`);
  const cpuBefore = process.cpuUsage();
  const appCpuBefore = stack.appPid === undefined ? undefined : processTreeCpuMs(stack.appPid);
  const driven = await drive({
    target: { appUrl: stack.appUrl, issuer: stack.tenant.issuer, clientId: stack.env.AUTH0_CLIENT_ID ?? "" },
    logins: options.logins,
    timeoutMs: options.timeoutMs,
    run: randomBytes(4).toString("hex"),
  });
  const cpu = process.cpuUsage(cpuBefore);
  const appCpuAfter = stack.appPid === undefined ? undefined : processTreeCpuMs(stack.appPid);
  const loadAfter = os.loadavg()[0] ?? 0;
  const { outcomes } = driven;

  const completed = outcomes.flatMap((outcome) => ("trace" in outcome ? [outcome.trace] : []));
  const failures = outcomes.flatMap((outcome) => ("failure" in outcome ? [outcome.failure] : []));
  const steps = orderOfSteps(completed, failures).map((step): StepFigures => {
    const samples = outcomes.flatMap((outcome) => outcome.passed.filter((timing) => timing.step === step).map((timing) => timing.ms));
    return {
      step,
      count: samples.length,
      p50Ms: median(samples),
      p99Ms: percentile(samples, 0.99),
      errors: failures.filter((failure) => failure.step === step).length,
    };
  });
  const acceptances = outcomes.filter((outcome) => outcome.passed.some((timing) => timing.step === ACCEPT_STEP)).length;
  const ledger = await readLedger(stack);
  const totals = completed.map((trace) => trace.totalMs);
  const perLogin = (ms: number) => round(ms / options.logins);
  return {
    logins: options.logins,
    completed: completed.length,
    errors: failures.length,
    steps,
    total: { p50Ms: median(totals), p99Ms: percentile(totals, 0.99) },
    wallSeconds: driven.wallMs / 1000,
    sampleErrors: failures.slice(0, SAMPLE_ERRORS).map((failure) => failure.message),
    acceptances,
    ...ledger,
    cpuMsPerLogin: {
      tenant: perLogin((cpu.user + cpu.system) / 1000),
      client: perLogin(driven.cpuMs),
      ...(appCpuBefore !== undefined && appCpuAfter !== undefined ? { app: perLogin(appCpuAfter - appCpuBefore) } : {}),
    },
    loadAverage: { before: round(loadBefore), after: round(loadAfter), cores: os.availableParallelism() },
  };
}

/** Runs the logins in `login-driver.ts`, a child process, and reads the one line it prints. */
function drive(input: DriverInput): Promise<DriverOutput> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ["--import", "tsx", path.join(__dirname, "login-driver.ts"), JSON.stringify(input)], {
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => (stderr = (stderr + chunk.toString()).slice(-10_000)));
    // The driver bounds every login itself; this only guards against a driver that never ends.
    const timer = setTimeout(() => child.pid !== undefined && process.kill(child.pid, "SIGKILL"), input.timeoutMs + 60_000);
    child.once("exit", (code, signal) => {
      clearTimeout(timer);
      if (code !== 0) return reject(new Error(`the login driver exited with ${signal ?? code}: ${stderr}`));
      try {
        resolve(JSON.parse(stdout) as DriverOutput);
      } catch {
        reject(new Error(`the login driver printed no result: ${stdout.slice(0, 300)} ${stderr}`));
      }
    });
  });
}

/** Steps in the order logins went through them: the first complete login's, then any other step seen. */
function orderOfSteps(completed: TimedSignUp[], failures: Array<{ step: string }>): string[] {
  const names = completed[0]?.steps.map((timing) => timing.step) ?? [];
  for (const trace of completed) for (const timing of trace.steps) if (!names.includes(timing.step)) names.push(timing.step);
  for (const failure of failures) if (!names.includes(failure.step)) names.push(failure.step);
  return names;
}

interface LedgerRecord {
  user_id: string;
  terms_version: number;
  decision: string;
}

async function readLedger(stack: Stack): Promise<{ rows: number; duplicates: number }> {
  const token = await auditorToken(stack.tenant);
  const records: LedgerRecord[] = [];
  for (let path: string | undefined = "/api/consents?limit=1000"; path; ) {
    const response: Response = await fetch(new URL(path, stack.appUrl), { headers: { authorization: `Bearer ${token}` } });
    if (response.status !== 200) throw new Error(`GET ${path} answered ${response.status}: ${await response.text()}`);
    const page = (await response.json()) as { records: LedgerRecord[] };
    records.push(...page.records);
    path = /<([^>]+)>;\s*rel="next"/.exec(response.headers.get("link") ?? "")?.[1];
  }
  const distinct = new Set(records.map((record) => `${record.user_id} ${record.terms_version}`));
  return { rows: records.length, duplicates: records.length - distinct.size };
}

function round(value: number): number {
  return Math.round(value * 100) / 100;
}
