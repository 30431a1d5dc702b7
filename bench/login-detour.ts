import { randomBytes } from "node:crypto";
import type { Stack } from "../tests/e2e/support/stack";
import { loginThroughApp, TimedHttpClient, type LoginTrace } from "./app-login";
import { distribution, requestTimes, termsExchanges, type Distribution, type RequestTimes } from "./detour-times";
import { collectServerTimes, readServerTimes, serverTimeOf, type ServerTimes } from "./server-timing";
import { median } from "./stats";
import { withTimeout } from "./with-timeout";

/** Logins before the measured ones: the first request to each route loads its code. */
const WARMUP_PAIRS = 2;
const LOGIN_TIMEOUT_MS = 30_000;

interface DetourOptions {
  pairs: number;
  deadline: number;
  /** Where `next start`'s server-timing hook writes (see `serverTimingOf`). */
  serverTimingFile: string;
  log(line: string): void;
}

export interface LoginDetourResult {
  /** Measured pairs: a sign-up through the terms step, then a password login of the same user without it. */
  pairs: number;
  /** Sign-ups that went through the terms step, warm-up included, all with a client that runs no JavaScript. */
  signUps: number;
  /** The terms step's requests per login (median): its intake, page, accept and the tenant's /continue. */
  detourRequests: number;
  /**
   * Each request's time as the client measured it on loopback: the server's, plus the client's work (undici) and the
   * transport, an upper bound.
   */
  clientTimed: RequestTimes;
  /**
   * The same requests as the servers measured them (node:diagnostics_channel, from the request's headers parsed to
   * its response's last byte handed to the OS): the server time the targets are about.
   */
  serverTimed: RequestTimes;
  /** Whole logins, from the app's /auth/login to the product page, and the steps the sign-ups went through. */
  withTerms: Distribution & { requests: number; steps: string[] };
  withoutTerms: Distribution & { requests: number };
  /** Median with minus median without: a cross-check that also holds sign-up versus password differences. */
  totalDifferenceMs: number;
}

/**
 * Sign-ups of fresh users through the real app and the local tenant (terms step included), each followed by a
 * login of the same user from a new browser (no tenant session), who is then not asked again.
 */
export async function runLoginDetour(stack: Stack, options: DetourOptions): Promise<LoginDetourResult> {
  // The local tenant runs in this process: its server times are collected here, for the phase only.
  const tenantTimes = collectServerTimes();
  try {
    return await measure(stack, options, tenantTimes.times);
  } finally {
    tenantTimes.stop();
  }
}

async function measure(stack: Stack, options: DetourOptions, tenantTimes: ServerTimes): Promise<LoginDetourResult> {
  const run = randomBytes(4).toString("hex");
  const withTerms: LoginTrace[] = [];
  const withoutTerms: LoginTrace[] = [];
  const floor = new TimedHttpClient({ userAgent: "product-xyz-bench" });
  for (let index = 0; index < WARMUP_PAIRS + options.pairs; index += 1) {
    if (Date.now() > options.deadline) throw new Error(`the login detour ran out of time after ${index} pairs`);
    const user = { email: `bench-${run}-${index}@example.com`, password: "correct-horse-battery-staple" };
    const first = await withTimeout(loginThroughApp(stack, user, "sign-up"), LOGIN_TIMEOUT_MS, "a sign-up");
    if (!first.steps.some((step) => step.step === "terms")) throw new Error(`the sign-up of ${user.email} was not sent to the terms step`);
    const again = await withTimeout(loginThroughApp(stack, user, "password"), LOGIN_TIMEOUT_MS, "a login");
    if (again.steps.length > 0) throw new Error(`${user.email} was sent to ${again.steps.map((step) => step.step).join(", ")} again`);
    const health = await floor.get(new URL("/api/health", stack.appUrl));
    if (health.status !== 200) throw new Error(`GET /api/health answered ${health.status}`);
    if (index < WARMUP_PAIRS) continue;
    withTerms.push(first);
    withoutTerms.push(again);
  }
  options.log(`${options.pairs} sign-ups with the terms step, ${options.pairs} logins without`);

  const logins = {
    withTerms,
    floor: floor.exchanges.slice(WARMUP_PAIRS),
    appOrigin: new URL(stack.appUrl).origin,
    tenantOrigin: new URL(stack.tenant.issuer).origin,
  };
  const timed = [...withTerms.flatMap(termsExchanges), ...logins.floor];
  const appTimes = await readServerTimes(
    options.serverTimingFile,
    timed.filter((exchange) => exchange.url.origin === logins.appOrigin).map((exchange) => exchange.id),
  );
  const serverTimes = new Map([
    [logins.appOrigin, appTimes],
    [logins.tenantOrigin, tenantTimes],
  ]);
  const totals = (traces: LoginTrace[]) => traces.map((trace) => trace.totalMs);
  return {
    pairs: options.pairs,
    signUps: WARMUP_PAIRS + options.pairs,
    detourRequests: median(withTerms.map((trace) => termsExchanges(trace).length)),
    clientTimed: requestTimes(logins, (exchange) => exchange.ms),
    serverTimed: requestTimes(logins, (exchange) => serverTimeOf(exchange, serverTimes)),
    withTerms: {
      ...distribution(totals(withTerms)),
      requests: median(withTerms.map((trace) => trace.exchanges.length)),
      steps: [...new Set(withTerms.flatMap((trace) => trace.steps.map((step) => step.step)))],
    },
    withoutTerms: { ...distribution(totals(withoutTerms)), requests: median(withoutTerms.map((trace) => trace.exchanges.length)) },
    totalDifferenceMs: median(totals(withTerms)) - median(totals(withoutTerms)),
  };
}
