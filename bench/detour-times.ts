import type { Exchange, LoginTrace } from "./app-login";
import { median, percentile, sum } from "./stats";

/** The requests of the terms step, from its intake to the tenant's `/continue` that ends it. */
export const TERMS_REQUESTS = [
  { label: "GET /terms/start", side: "app", method: "GET", path: "/terms/start" },
  { label: "GET /terms", side: "app", method: "GET", path: "/terms" },
  { label: "POST /terms/accept", side: "app", method: "POST", path: "/terms/accept" },
  { label: "POST /continue (tenant)", side: "tenant", method: "POST", path: "/continue" },
] as const;

export interface Distribution {
  medianMs: number;
  p99Ms: number;
}

/** The terms step's requests and the floor request, timed one way (by the client, or by the servers). */
export interface RequestTimes {
  /** Per login with the step: the summed times of the terms step's requests (intake, page, accept, the tenant's /continue). */
  detour: Distribution;
  /** The same, the app's three requests only (what this repository's code costs). */
  appRequests: Distribution;
  perRequest: Array<{ label: string } & Distribution>;
  /** `GET /api/health` (a route handler that does nothing), once after each measured pair: what any request of the app costs. */
  floorRequest: Distribution;
}

/** The requests of a login's terms step. */
export function termsExchanges(trace: LoginTrace): Exchange[] {
  return trace.steps.filter((step) => step.step === "terms").flatMap((step) => step.exchanges);
}

/**
 * The terms step's figures over the logins that went through it, and the floor's, each exchange timed by `timeOf`
 * (its client time, or its server time: the same rows either way).
 */
export function requestTimes(
  logins: { withTerms: LoginTrace[]; floor: Exchange[]; appOrigin: string; tenantOrigin: string },
  timeOf: (exchange: Exchange) => number,
): RequestTimes {
  const timeOfRequest = (trace: LoginTrace, request: (typeof TERMS_REQUESTS)[number]) => {
    const origin = request.side === "app" ? logins.appOrigin : logins.tenantOrigin;
    return sum(
      termsExchanges(trace)
        .filter((exchange) => exchange.url.origin === origin && exchange.method === request.method && exchange.url.pathname === request.path)
        .map(timeOf),
    );
  };
  const appRequests = TERMS_REQUESTS.filter((request) => request.side === "app");
  return {
    detour: distribution(logins.withTerms.map((trace) => sum(termsExchanges(trace).map(timeOf)))),
    appRequests: distribution(logins.withTerms.map((trace) => sum(appRequests.map((request) => timeOfRequest(trace, request))))),
    perRequest: TERMS_REQUESTS.map((request) => ({
      label: request.label,
      ...distribution(logins.withTerms.map((trace) => timeOfRequest(trace, request))),
    })),
    floorRequest: distribution(logins.floor.map(timeOf)),
  };
}

export function distribution(samples: number[]): Distribution {
  return { medianMs: median(samples), p99Ms: percentile(samples, 0.99) };
}
