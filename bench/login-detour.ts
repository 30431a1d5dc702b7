import { randomBytes } from "node:crypto";
import type { Stack } from "../tests/e2e/support/stack";
import { loginThroughApp, TimedHttpClient, type Exchange, type LoginTrace } from "./app-login";
import { median, percentile, sum } from "./stats";
import { withTimeout } from "./with-timeout";

/** The requests of the terms step, from its intake to the tenant's `/continue` that ends it. */
const TERMS_REQUESTS = [
  { label: "GET /terms/start", side: "app", method: "GET", path: "/terms/start" },
  { label: "GET /terms", side: "app", method: "GET", path: "/terms" },
  { label: "POST /terms/accept", side: "app", method: "POST", path: "/terms/accept" },
  { label: "POST /continue (tenant)", side: "tenant", method: "POST", path: "/continue" },
] as const;

/** Logins before the measured ones: the first request to each route loads its code. */
const WARMUP_PAIRS = 2;
const LOGIN_TIMEOUT_MS = 30_000;

export interface Distribution {
  medianMs: number;
  p99Ms: number;
}

export interface LoginDetourResult {
  /** Measured pairs: a sign-up through the terms step, then a password login of the same user without it. */
  pairs: number;
  /** Sign-ups that went through the terms step, warm-up included, all with a client that runs no JavaScript. */
  signUps: number;
  /**
   * Per login with the step: the summed response times of the terms step's requests (intake, terms page, accept,
   * and the tenant's /continue), measured by the client on loopback: server time plus a little transport, an upper
   * bound. Other steps of the same login (profile completion) are not counted.
   */
  detour: Distribution & { requests: number };
  /** The same, the app's three requests only (what this repository's code costs). */
  appRequests: Distribution;
  perRequest: Array<{ label: string } & Distribution>;
  /**
   * `GET /api/health` (a route handler that does nothing) by the same client, once after each measured pair: what
   * any request of the app costs this way, the framework's and the client's share of the figures above.
   */
  floorRequest: Distribution;
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
export async function runLoginDetour(
  stack: Stack,
  options: { pairs: number; deadline: number; log(line: string): void },
): Promise<LoginDetourResult> {
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

  const appOrigin = new URL(stack.appUrl).origin;
  const tenantOrigin = new URL(stack.tenant.issuer).origin;
  const termsExchanges = (trace: LoginTrace) => trace.steps.filter((step) => step.step === "terms").flatMap((step) => step.exchanges);
  const timeOf = (trace: LoginTrace, request: (typeof TERMS_REQUESTS)[number]) =>
    sum(
      termsExchanges(trace)
        .filter((exchange) => isRequest(exchange, request.side === "app" ? appOrigin : tenantOrigin, request.method, request.path))
        .map((exchange) => exchange.ms),
    );
  const detour = withTerms.map((trace) => sum(termsExchanges(trace).map((exchange) => exchange.ms)));
  const app = withTerms.map((trace) => sum(TERMS_REQUESTS.filter((request) => request.side === "app").map((request) => timeOf(trace, request))));
  const totals = (traces: LoginTrace[]) => traces.map((trace) => trace.totalMs);
  return {
    pairs: options.pairs,
    signUps: WARMUP_PAIRS + options.pairs,
    detour: { ...distribution(detour), requests: median(withTerms.map((trace) => termsExchanges(trace).length)) },
    appRequests: distribution(app),
    perRequest: TERMS_REQUESTS.map((request) => ({
      label: request.label,
      ...distribution(withTerms.map((trace) => timeOf(trace, request))),
    })),
    floorRequest: distribution(floor.exchanges.slice(WARMUP_PAIRS).map((exchange) => exchange.ms)),
    withTerms: {
      ...distribution(totals(withTerms)),
      requests: median(withTerms.map((trace) => trace.exchanges.length)),
      steps: [...new Set(withTerms.flatMap((trace) => trace.steps.map((step) => step.step)))],
    },
    withoutTerms: { ...distribution(totals(withoutTerms)), requests: median(withoutTerms.map((trace) => trace.exchanges.length)) },
    totalDifferenceMs: median(totals(withTerms)) - median(totals(withoutTerms)),
  };
}

function isRequest(exchange: Exchange, origin: string, method: string, path: string): boolean {
  return exchange.url.origin === origin && exchange.method === method && exchange.url.pathname === path;
}

function distribution(samples: number[]): Distribution {
  return { medianMs: median(samples), p99Ms: percentile(samples, 0.99) };
}
