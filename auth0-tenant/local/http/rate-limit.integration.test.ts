import { request as httpsRequest } from "node:https";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { HttpClient } from "../../../tests/support/http-client";
import { startTestTenant, type TestTenant } from "../../../tests/support/local-tenant";
import { loadOrCreateCertificate } from "../tls/certificate";
import { TokenBucket, type RateLimit } from "./rate-limit";

/** A bucket on a clock that moves only when told, started 250 ms past a whole second so that rounding shows. */
function bucketOnClock(rate: RateLimit) {
  const start = 1_700_000_000_250;
  let clock = start;
  const bucket = new TokenBucket(rate, () => clock);
  return {
    take: () => bucket.take(),
    advance: (ms: number) => void (clock += ms),
    /** The unix second `ms` after the start, rounded up. */
    secondAt: (ms: number) => Math.ceil((start + ms) / 1000),
  };
}

describe("TokenBucket", () => {
  it("starts full: lets a burst through, then refuses", () => {
    const { take } = bucketOnClock({ rps: 1, burst: 3 });
    expect([take(), take(), take(), take()].map(({ allowed, limit, remaining }) => ({ allowed, limit, remaining }))).toEqual([
      { allowed: true, limit: 3, remaining: 2 },
      { allowed: true, limit: 3, remaining: 1 },
      { allowed: true, limit: 3, remaining: 0 },
      { allowed: false, limit: 3, remaining: 0 },
    ]);
  });

  it("refills rps tokens a second, never above the burst", () => {
    const { take, advance } = bucketOnClock({ rps: 2, burst: 2 });
    take();
    take();
    advance(499);
    expect(take().allowed).toBe(false);
    advance(1);
    expect(take()).toMatchObject({ allowed: true, remaining: 0 });
    advance(60_000);
    expect([take(), take(), take()].map((verdict) => verdict.allowed)).toEqual([true, true, false]);
  });

  it("counts whole tokens only in remaining", () => {
    const { take, advance } = bucketOnClock({ rps: 2, burst: 3 });
    take();
    take();
    take();
    advance(1250);
    // 2.5 tokens came back: one is taken, 1.5 are left.
    expect(take()).toMatchObject({ allowed: true, remaining: 1 });
    expect(take()).toMatchObject({ allowed: true, remaining: 0 });
    expect(take()).toMatchObject({ allowed: false, remaining: 0 });
  });

  it("resets at the unix second, rounded up, when the next whole token arrives", () => {
    const { take, advance, secondAt } = bucketOnClock({ rps: 5, burst: 2 });
    expect(take().reset).toBe(secondAt(200));
    expect(take().reset).toBe(secondAt(200));
    advance(100);
    // Half a token back: the refused request may come back when it is whole, 100 ms later.
    expect(take()).toMatchObject({ allowed: false, reset: secondAt(200) });
    advance(800);
    // Full again at 400 ms; two takes leave it empty, with the next token 200 ms later, past the next second.
    take();
    expect(take()).toMatchObject({ allowed: true, remaining: 0, reset: secondAt(1100) });
  });

  it("refuses figures that are not whole numbers above 0", () => {
    expect(() => new TokenBucket({ rps: 0, burst: 2 }, Date.now)).toThrow(/whole numbers above 0/);
    expect(() => new TokenBucket({ rps: 2, burst: 1.5 }, Date.now)).toThrow(/whole numbers above 0/);
  });
});

describe("the Management API of a tenant started with managementRateLimit", () => {
  let tenant: TestTenant;
  /** Real time (tokens are checked against it), 250 ms past a whole second; moves only when a test says so. */
  let clock = Math.floor(Date.now() / 1000) * 1000 + 250;
  const second = Math.ceil(clock / 1000);

  beforeAll(async () => {
    tenant = await startTestTenant({ now: () => clock, tlsPort: 0, managementRateLimit: { rps: 1, burst: 2 } });
  });
  afterAll(async () => {
    await tenant.stop();
  });

  const limitHeaders = (headers: Headers) => ({
    limit: headers.get("x-ratelimit-limit"),
    remaining: headers.get("x-ratelimit-remaining"),
    reset: headers.get("x-ratelimit-reset"),
  });

  /** A GET on the tenant's TLS listener, which shares the tenant's one bucket. */
  async function getOverTls(path: string, token: string): Promise<{ status: number; headers: Record<string, unknown> }> {
    const { cert } = await loadOrCreateCertificate(tenant.dataDir);
    return new Promise((resolve, reject) => {
      const request = httpsRequest(
        `https://${tenant.managementDomain}${path}`,
        { ca: cert, headers: { authorization: `Bearer ${token}` } },
        (response) => {
          response.resume();
          response.on("end", () => resolve({ status: response.statusCode ?? 0, headers: response.headers }));
        },
      );
      request.on("error", reject);
      request.end();
    });
  }

  it("answers Auth0's 429 once the tenant's bucket is empty, with x-ratelimit-* headers on every answer", async () => {
    const token = await tenant.management.fetchToken();
    const first = await tenant.management.call("GET", "actions/actions", undefined, token);
    expect(first.status).toBe(200);
    expect(limitHeaders(first.raw.headers)).toEqual({ limit: "2", remaining: "1", reset: String(second + 1) });

    const overTls = await getOverTls("/api/v2/clients", token);
    expect(overTls.status).toBe(200);
    expect(overTls.headers).toMatchObject({ "x-ratelimit-remaining": "0" });

    const refused = await tenant.management.call("GET", "actions/actions", undefined, token);
    expect(refused.status).toBe(429);
    expect(refused.raw.text).toBe(
      '{"statusCode":429,"error":"Too Many Requests","message":"Global limit has been reached","errorCode":"too_many_requests"}',
    );
    expect(limitHeaders(refused.raw.headers)).toEqual({ limit: "2", remaining: "0", reset: String(second + 1) });
    expect(tenant.logs).toContain("GET /api/v2/actions/actions refused with 429 too_many_requests: Global limit has been reached");

    clock += 1000;
    const later = await tenant.management.call("GET", "actions/actions", undefined, token);
    expect(later.status).toBe(200);
    expect(limitHeaders(later.raw.headers)).toEqual({ limit: "2", remaining: "0", reset: String(second + 2) });
  });

  it("counts refused and unknown /api/ requests too, and never limits the other endpoints", async () => {
    clock += 10_000;
    const http = new HttpClient();
    const unauthenticated = await http.get(`${tenant.issuer}api/v2/actions/actions`);
    expect(unauthenticated.status).toBe(401);
    expect(limitHeaders(unauthenticated.headers).remaining).toBe("1");
    const unknown = await http.get(`${tenant.issuer}api/v2/no-such-resource`);
    expect(unknown.status).toBe(404);
    expect(limitHeaders(unknown.headers).remaining).toBe("0");

    // The bucket is empty: the token endpoint and the OIDC documents answer as always, without the headers.
    const token = await tenant.management.fetchToken();
    const jwks = await http.get(`${tenant.issuer}.well-known/jwks.json`);
    expect(jwks.status).toBe(200);
    expect(jwks.headers.get("x-ratelimit-limit")).toBeNull();
    expect((await tenant.management.call("GET", "clients", undefined, token)).status).toBe(429);
  });
});

describe("the Management API of a tenant started without managementRateLimit", () => {
  it("is not limited and sends no x-ratelimit-* headers", async () => {
    const tenant = await startTestTenant();
    try {
      const answers = await Promise.all(Array.from({ length: 10 }, () => tenant.management.call("GET", "actions/actions")));
      expect(answers.map((answer) => answer.status)).toEqual(Array(10).fill(200));
      expect(answers.map((answer) => answer.raw.headers.get("x-ratelimit-limit"))).toEqual(Array(10).fill(null));
    } finally {
      await tenant.stop();
    }
  });
});
