import { randomBytes } from "node:crypto";
import os from "node:os";
import { performance } from "node:perf_hooks";
import type { Stack } from "../tests/e2e/support/stack";
import { auditorToken } from "../tests/e2e/support/auditor";
import { timedSignUp, type SignUpProgress, type TimedSignUp } from "../tests/support/timed-sign-up";
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
   * CPU milliseconds per login, whatever the machine's load: this process (the local tenant and the HTTP client
   * driving the logins) and `next start`'s process tree. On a machine of its own, the logins need at least
   * logins x (tenant + app) / cores of wall time.
   */
  cpuMsPerLogin: { tenantAndClient: number; app?: number };
  /** 1-minute load average before and after: above the core count, other work shared the machine. */
  loadAverage: { before: number; after: number; cores: number };
}

const ACCEPT_STEP = "terms accept";
const SAMPLE_ERRORS = 5;

/**
 * `logins` new users sign up at the same moment through the running app and the local tenant, each all the way to
 * the signed-in product page (`timedSignUp`). Every login is bounded by `timeoutMs`; a login still running then
 * counts as an error at the step it was in. Then the ledger is read through the auditor's API.
 */
export async function runConcurrentLogins(
  stack: Stack,
  options: { logins: number; timeoutMs: number; log?: (line: string) => void },
): Promise<ConcurrentLoginsResult> {
  const log = options.log ?? (() => undefined);
  const run = randomBytes(4).toString("hex");
  const loadBefore = os.loadavg()[0] ?? 0;
  log(`${options.logins} concurrent sign-ups (load average ${loadBefore.toFixed(2)} on ${os.availableParallelism()} cores)…`);
  const started = performance.now();
  const cpuBefore = process.cpuUsage();
  const appCpuBefore = stack.appPid === undefined ? undefined : processTreeCpuMs(stack.appPid);
  const outcomes = await Promise.all(
    Array.from({ length: options.logins }, (_, index) =>
      boundedLogin(stack, { email: `load-${run}-${index}@example.com`, password: `load-password-${run}-${index}` }, options.timeoutMs),
    ),
  );
  const wallSeconds = (performance.now() - started) / 1000;
  const cpu = process.cpuUsage(cpuBefore);
  const appCpuAfter = stack.appPid === undefined ? undefined : processTreeCpuMs(stack.appPid);
  const loadAfter = os.loadavg()[0] ?? 0;

  const completed = outcomes.flatMap((outcome) => ("trace" in outcome ? [outcome.trace] : []));
  const failures = outcomes.flatMap((outcome) => ("failure" in outcome ? [outcome.failure] : []));
  const stepNames = orderOfSteps(completed, failures);
  const steps = stepNames.map((step): StepFigures => {
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
  return {
    logins: options.logins,
    completed: completed.length,
    errors: failures.length,
    steps,
    total: { p50Ms: median(totals), p99Ms: percentile(totals, 0.99) },
    wallSeconds,
    sampleErrors: failures.slice(0, SAMPLE_ERRORS).map((failure) => failure.message),
    acceptances,
    ...ledger,
    cpuMsPerLogin: {
      tenantAndClient: round((cpu.user + cpu.system) / 1000 / options.logins),
      ...(appCpuBefore !== undefined && appCpuAfter !== undefined ? { app: round((appCpuAfter - appCpuBefore) / options.logins) } : {}),
    },
    loadAverage: { before: round(loadBefore), after: round(loadAfter), cores: os.availableParallelism() },
  };
}

type Outcome = { passed: TimedSignUp["steps"] } & ({ trace: TimedSignUp } | { failure: { step: string; message: string } });

async function boundedLogin(stack: Stack, user: { email: string; password: string }, timeoutMs: number): Promise<Outcome> {
  const progress: SignUpProgress = { steps: [] };
  const passed = progress.steps;
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => reject(new Error(`still running after ${timeoutMs / 1000} s`)), timeoutMs);
  });
  try {
    const trace = await Promise.race([timedSignUp(stack, user, progress), timeout]);
    return { passed, trace };
  } catch (error) {
    const failed = (error as { code?: unknown; step?: string }).code === "login_step_failed" ? (error as { step: string }).step : undefined;
    const step = failed ?? progress.current ?? "authorize";
    const message = error instanceof Error ? error.message : String(error);
    return { passed, failure: { step, message: message.startsWith(`${step}:`) ? message : `${step}: ${message}` } };
  } finally {
    clearTimeout(timer);
  }
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
