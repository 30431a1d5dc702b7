import { describe, expect, it } from "vitest";
import type { Exchange, LoginTrace } from "./app-login";
import { requestTimes } from "./detour-times";

const APP = "http://127.0.0.1:3000";
const TENANT = "https://127.0.0.1:4443";

const exchange = (id: string, method: string, href: string, ms: number): Exchange => ({ id, method, url: new URL(href), status: 200, ms });

/** A sign-up whose terms step's four requests took `ms` each by the client; their ids tell the login and the request. */
function signUp(login: number, ms: number): LoginTrace {
  const terms = [
    exchange(`${login}-start`, "GET", `${APP}/terms/start?session_token=x`, ms),
    exchange(`${login}-page`, "GET", `${APP}/terms`, ms),
    exchange(`${login}-accept`, "POST", `${APP}/terms/accept`, ms),
    exchange(`${login}-continue`, "POST", `${TENANT}/continue`, ms),
  ];
  const start = exchange(`${login}-login`, "GET", `${APP}/auth/login`, 50);
  return { exchanges: [start, ...terms], totalMs: 100, steps: [{ step: "terms", exchanges: terms }] };
}

describe("requestTimes", () => {
  const logins = {
    withTerms: [signUp(1, 3), signUp(2, 5)],
    floor: [exchange("h1", "GET", `${APP}/api/health`, 2), exchange("h2", "GET", `${APP}/api/health`, 4)],
    appOrigin: APP,
    tenantOrigin: TENANT,
  };

  it("sums the terms step's requests per login, the app's three apart, and gives each request and the floor", () => {
    const client = requestTimes(logins, (timed) => timed.ms);
    expect(client.detour).toEqual({ medianMs: 16, p99Ms: 20 });
    expect(client.appRequests).toEqual({ medianMs: 12, p99Ms: 15 });
    expect(client.perRequest.map((request) => [request.label, request.medianMs])).toEqual([
      ["GET /terms/start", 4],
      ["GET /terms", 4],
      ["POST /terms/accept", 4],
      ["POST /continue (tenant)", 4],
    ]);
    expect(client.floorRequest).toEqual({ medianMs: 3, p99Ms: 4 });
  });

  it("gives the same rows from any other time of each exchange, e.g. the server's, joined by its id", () => {
    const serverMs: Record<string, number> = {
      ...{ "1-start": 1, "1-page": 2, "1-accept": 3, "1-continue": 0.5 },
      ...{ "2-start": 1, "2-page": 2, "2-accept": 3, "2-continue": 1.5 },
      ...{ h1: 0.25, h2: 0.75 },
    };
    const server = requestTimes(logins, (timed) => serverMs[timed.id] ?? Number.NaN);
    expect(server.detour).toEqual({ medianMs: 7, p99Ms: 7.5 });
    expect(server.appRequests.medianMs).toBe(6);
    expect(server.perRequest.find((request) => request.label === "POST /continue (tenant)")?.medianMs).toBe(1);
    expect(server.floorRequest.medianMs).toBe(0.5);
  });
});
