import { describe, expect, it } from "vitest";
import type { ColdStartResult } from "./cold-start";
import type { HotPathResult, Route, TargetSummary } from "./hot-path";
import type { LoginDetourResult } from "./login-detour";
import type { MachineFacts } from "./machine";
import { consentCpu, evaluateTargets, renderReport, type BenchReport } from "./report";

const machine: MachineFacts = {
  cores: 2,
  cpuModel: "test CPU",
  memoryGiB: 4,
  os: "Linux",
  node: "v24.22.3",
  next: "16.4.6",
  autocannon: "8.0.0",
  loadAverageAtStart: [0, 0, 0],
};

function target(route: Route, requestsPerSecond: number, cpuMsPerRequest?: number, errors = 0): TargetSummary {
  return {
    name: `next:${route}`,
    server: "next",
    route,
    rounds: [],
    requestsPerSecond,
    p50Ms: 1,
    p99Ms: 2,
    errors,
    unexpected: 0,
    poolOverrun: 0,
    ...(cpuMsPerRequest === undefined ? {} : { cpuMsPerRequest }),
    clientCpuPercent: 50,
  };
}

/** The floor at 1000 req/s: each route's rate is its share of the floor x 1000. */
function hotPath(shares: Partial<Record<Route, number>>, cpu: Partial<Record<Route, number>> = {}): HotPathResult {
  return {
    servers: [{ name: "next", label: "next start" }],
    targets: [
      target("health", 1000, 1),
      ...Object.entries(shares).map(([route, share]) => target(route as Route, share * 1000, cpu[route as Route])),
    ],
    profiles: [],
  };
}

const spread = (medianMs: number) => ({ medianMs, maxMs: medianMs, samplesMs: [medianMs] });
function coldStart(termsMs: number, healthMs: number): ColdStartResult {
  return {
    samples: 1,
    kinds: [
      {
        kind: "terms-start",
        request: "GET /terms/start?…",
        firstResponse: spread(termsMs),
        firstResponseCpu: spread(40),
        booted: spread(700),
        spawnToFirstResponse: spread(900),
      },
      {
        kind: "health",
        request: "GET /api/health",
        firstResponse: spread(healthMs),
        firstResponseCpu: spread(30),
        booted: spread(690),
        spawnToFirstResponse: spread(800),
      },
    ],
  };
}

/** Server-timed figures as given; the client's, 2 ms more per figure (what the transport adds). */
function loginDetour(detourMs: number, appMs: number): LoginDetourResult {
  const distribution = (medianMs: number) => ({ medianMs, p99Ms: medianMs * 2 });
  const times = (extraMs: number) => ({
    detour: distribution(detourMs + extraMs),
    appRequests: distribution(appMs + extraMs),
    perRequest: [
      { label: "GET /terms/start", ...distribution(1 + extraMs) },
      { label: "POST /continue (tenant)", ...distribution(4 + extraMs) },
    ],
    floorRequest: distribution(1 + extraMs),
  });
  return {
    pairs: 1,
    signUps: 3,
    detourRequests: 4,
    clientTimed: times(2),
    serverTimed: times(0),
    withTerms: { ...distribution(100), requests: 12, steps: ["terms"] },
    withoutTerms: { ...distribution(80), requests: 8 },
    totalDifferenceMs: 20,
  };
}

type Inputs = Parameters<typeof evaluateTargets>[0];
const verdictOf = (inputs: Partial<Inputs>, startsWith: string) => {
  const found = evaluateTargets({ machine, failures: [], ...inputs }).find((verdict) => verdict.target.startsWith(startsWith));
  if (!found) throw new Error(`no target starting with ${startsWith}`);
  return found;
};

describe("evaluateTargets: issue 17's thresholds", () => {
  it("intake and page need 0.7 x the floor, accept-new 0.5 x, each with 0 errors", () => {
    const at = (shares: Partial<Record<Route, number>>) => ({ hotPath: hotPath(shares) });
    expect(verdictOf(at({ intake: 0.7 }), "intake >= 0.7 x").verdict).toBe("PASS");
    expect(verdictOf(at({ intake: 0.69 }), "intake >= 0.7 x").verdict).toBe("MISS");
    expect(verdictOf(at({ page: 0.7 }), "page >= 0.7 x").verdict).toBe("PASS");
    expect(verdictOf(at({ page: 0.69 }), "page >= 0.7 x").verdict).toBe("MISS");
    expect(verdictOf(at({ "accept-new": 0.5 }), "accept (a new login each request) >= 0.5 x").verdict).toBe("PASS");
    expect(verdictOf(at({ "accept-new": 0.49 }), "accept (a new login each request) >= 0.5 x").verdict).toBe("MISS");

    const withError = hotPath({});
    withError.targets.push(target("intake", 900, undefined, 1));
    expect(verdictOf({ hotPath: withError }, "intake >=")).toMatchObject({ verdict: "MISS", detail: expect.stringContaining("1 errors") });
  });

  it("the terms step at most 15 ms per login and the app's three requests at most 10 ms, as two verdicts", () => {
    expect(verdictOf({ loginDetour: loginDetour(15, 10) }, "the terms step adds <= 15 ms").verdict).toBe("PASS");
    expect(verdictOf({ loginDetour: loginDetour(15, 10) }, "of which the app's 3 requests <= 10 ms").verdict).toBe("PASS");
    expect(verdictOf({ loginDetour: loginDetour(15.1, 10.1) }, "the terms step adds").verdict).toBe("MISS");
    expect(verdictOf({ loginDetour: loginDetour(14, 10.1) }, "of which the app's 3").verdict).toBe("MISS");
  });

  it("judges the detour on the servers' medians (the client's 2 ms more would miss), and shows the client's beside", () => {
    expect(verdictOf({ loginDetour: loginDetour(14, 9) }, "the terms step adds")).toEqual({
      target: "the terms step adds <= 15 ms server time per login (median)",
      verdict: "PASS",
      detail: "median 14.0 ms, p99 28.0 ms server-timed; client-timed median 16.0 ms (the terms step's 4 requests)",
    });
    expect(verdictOf({ loginDetour: loginDetour(14, 9) }, "of which the app's 3")).toMatchObject({
      verdict: "PASS",
      detail: "median 9.0 ms, p99 18.0 ms server-timed; client-timed median 11.0 ms (/terms/start, /terms, /terms/accept)",
    });
  });

  it("the app's CPU for one consent is the sum of intake, page and accept-new, at most 3 ms, with the Node version", () => {
    const cpu = (intake: number, page: number, accept: number) => ({
      hotPath: hotPath({ intake: 0.8, page: 0.8, "accept-new": 0.6 }, { intake, page, "accept-new": accept }),
    });
    expect(verdictOf(cpu(1, 0.75, 1.25), "the app's CPU for one consent")).toEqual({
      target: "the app's CPU for one consent (intake + page + accept) <= 3 ms",
      verdict: "PASS",
      detail: "3.00 ms (intake 1.00 + page 0.75 + accept-new 1.25) on Node v24.22.3",
    });
    expect(verdictOf(cpu(1, 0.76, 1.25), "the app's CPU for one consent").verdict).toBe("MISS");
  });

  it("reports the consent's CPU as not run unless all three routes ran with a CPU figure", () => {
    expect(consentCpu(hotPath({ intake: 0.8, page: 0.8 }, { intake: 1, page: 1 }))).toBeUndefined();
    expect(consentCpu(hotPath({ intake: 0.8, page: 0.8, "accept-new": 0.6 }, { intake: 1, page: 1 }))).toBeUndefined();
    expect(verdictOf({}, "the app's CPU for one consent")).toMatchObject({ verdict: "not run" });
  });

  it("the first /terms/start of a fresh process at most 1.5 x the first /api/health, on the response time (a)", () => {
    expect(verdictOf({ coldStart: coldStart(150, 100) }, "cold start")).toEqual({
      target: "cold start: the first /terms/start <= 1.5 x the first /api/health (median)",
      verdict: "PASS",
      detail: "1.50 x: 150.0 vs 100.0 ms; from the spawn 900 vs 800 ms",
    });
    expect(verdictOf({ coldStart: coldStart(151, 100) }, "cold start").verdict).toBe("MISS");
  });

  it("a phase that failed makes its targets MISS with its message; one not asked for, not run", () => {
    const failures = [{ phase: "cold-start", message: "next start exited with 1\nmore" }];
    expect(verdictOf({ failures }, "cold start")).toMatchObject({ verdict: "MISS", detail: "next start exited with 1" });
    expect(verdictOf({}, "cold start")).toMatchObject({ verdict: "not run", detail: "the cold-start phase was not run" });
  });
});

/** A whole report around the given phases' results, its targets evaluated. */
function reportOf(results: Omit<Partial<Inputs>, "machine" | "failures">): BenchReport {
  const partial = { machine, failures: [], ...results };
  return {
    ...partial,
    startedAt: "2026-01-01T00:00:00.000Z",
    seconds: 1,
    settings: {
      quick: true,
      profile: false,
      ledger: "PostgreSQL (--database-url)",
      rounds: 1,
      durationSeconds: 2,
      warmupSeconds: 1,
      connections: 10,
      coldStartSamples: 1,
      detourLogins: 5,
      tokenLogins: 20,
      concurrentLogins: 20,
    },
    builds: [],
    targets: evaluateTargets(partial),
  };
}

describe("renderReport", () => {
  it("shows the consent's CPU under the hot-path table, with the Node version, and the cold start's table", () => {
    const report = reportOf({
      hotPath: hotPath({ intake: 0.8, page: 0.8, "accept-new": 0.6 }, { intake: 1, page: 0.5, "accept-new": 1.5 }),
      coldStart: coldStart(150, 100),
    });
    const text = renderReport(report);
    expect(text).toContain(
      "The app's CPU for one consent: 3.00 ms (next:intake 1.00 + next:page 0.50 + next:accept-new 1.50), on Node v24.22.3; " +
        "0.00 ms above 3 x the floor's 1.00.",
    );
    expect(text).toMatch(/GET \/terms\/start\?… +150\.0 +150\.0 +40 +700 +900\.0 +900\.0/);
    expect(text).toMatch(/GET \/api\/health +100\.0 +100\.0 +30 +690 +800\.0 +800\.0/);
  });

  it("shows each request of the login detour server-timed, then client-timed; whole logins client-timed only", () => {
    const text = renderReport(reportOf({ loginDetour: loginDetour(8, 5) }));
    expect(text).toMatch(/whole login without any step \(password\) +80\.0 +160\.0 +8\n/);
    expect(text).toMatch(/the terms step: its requests, summed +8\.0 +16\.0 +10\.0 +20\.0 +4\n/);
    expect(text).toMatch(/ {2}of which the app's 3 +5\.0 +10\.0 +7\.0 +14\.0 +3\n/);
    expect(text).toMatch(/ {2}POST \/continue \(tenant\) +4\.0 +8\.0 +6\.0 +12\.0 +1\n/);
    expect(text).toMatch(/GET \/api\/health, same client +1\.0 +2\.0 +3\.0 +6\.0 +1\n/);
  });
});
