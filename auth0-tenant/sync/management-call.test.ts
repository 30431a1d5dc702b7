import { describe, expect, it } from "vitest";
import { type CallPolicy, callManagementApi, rateLimitWaitMs } from "./management-call";

const NOW = 1_700_000_000_000;

function policy(sleeps: number[]): CallPolicy {
  return {
    rateLimitBudgetMs: 3000,
    maxWaitMs: 60_000,
    jitterMs: () => 0,
    sleep: async (ms) => void sleeps.push(ms),
    now: () => NOW,
    credentialsHint: "Check the credentials.",
    unreachableHint: "Is it running?",
  };
}

const rateLimited = (reset?: number) =>
  Object.assign(new Error("Too Many Requests"), {
    statusCode: 429,
    body: { message: "Global limit has been reached" },
    rawResponse: { headers: new Headers(reset === undefined ? {} : { "x-ratelimit-reset": String(reset) }) },
  });

describe("callManagementApi", () => {
  it("says how to trust a tenant's certificate that Node does not (a stand-in tenant's, a proxy's), and nothing of it otherwise", async () => {
    const failing = (code: string) => () => Promise.reject(new TypeError("fetch failed", { cause: Object.assign(new Error(code), { code }) }));
    await expect(callManagementApi("listing Actions", failing("DEPTH_ZERO_SELF_SIGNED_CERT"), policy([]))).rejects.toMatchObject({
      code: "ERR_SYNC_UNREACHABLE",
      message: expect.stringMatching(/^Cannot reach the tenant while listing Actions \(DEPTH_ZERO_SELF_SIGNED_CERT\)\. Node does not trust the tenant's TLS certificate: .*NODE_EXTRA_CA_CERTS=<file\.pem>.* Is it running\?$/),
    });
    await expect(callManagementApi("listing Actions", failing("ENOTFOUND"), policy([]))).rejects.toMatchObject({
      message: "Cannot reach the tenant while listing Actions (ENOTFOUND). Is it running?",
    });
  });

  it("retries a 429 after the reset time, then returns", async () => {
    const sleeps: number[] = [];
    let calls = 0;
    const result = await callManagementApi(
      "listing Actions",
      async () => {
        calls += 1;
        if (calls === 1) throw rateLimited(NOW / 1000 + 2);
        return "ok";
      },
      policy(sleeps),
    );
    expect(result).toBe("ok");
    expect(sleeps).toEqual([2000]);
  });

  it("gives up once the next wait would exceed its waiting budget", async () => {
    const sleeps: number[] = [];
    await expect(
      callManagementApi("listing Actions", async () => Promise.reject(rateLimited()), policy(sleeps)),
    ).rejects.toMatchObject({ code: "ERR_SYNC_RATE_LIMITED" });
    expect(sleeps).toEqual([1000, 2000]);
  });

  it("adds the jitter to each wait, so that calls limited together come back apart", async () => {
    const sleeps: number[] = [];
    let calls = 0;
    await callManagementApi(
      "reading an Action",
      async () => {
        calls += 1;
        if (calls === 1) throw rateLimited(NOW / 1000 + 1);
        return "ok";
      },
      { ...policy(sleeps), jitterMs: () => 640 },
    );
    expect(sleeps).toEqual([1640]);
  });

  it("waits a bounded time, whatever the header says", () => {
    const bounds = { maxWaitMs: 60_000, now: () => NOW };
    expect(rateLimitWaitMs(rateLimited(NOW / 1000 + 3600), 1, bounds)).toBe(60_000);
    expect(rateLimitWaitMs(rateLimited(NOW / 1000 - 5), 1, bounds)).toBe(250);
    expect(rateLimitWaitMs(rateLimited(), 3, bounds)).toBe(4000);
  });

  it("does not retry other errors, and names the missing scope on 403", async () => {
    let calls = 0;
    const forbidden = Object.assign(new Error("Forbidden"), {
      statusCode: 403,
      body: { message: "Insufficient scope, expected any of: create:client_grants" },
    });
    await expect(
      callManagementApi("creating the client grant", async () => {
        calls += 1;
        throw forbidden;
      }, policy([])),
    ).rejects.toMatchObject({
      code: "ERR_SYNC_FORBIDDEN",
      message: expect.stringContaining("lacks the scope create:client_grants"),
    });
    expect(calls).toBe(1);
  });

  it("keeps the status and the API's message of other failures", async () => {
    const failure = Object.assign(new Error("Bad Request"), {
      statusCode: 400,
      body: { message: "A draft must be in the 'built' state before it can be deployed." },
    });
    await expect(callManagementApi("deploying", async () => Promise.reject(failure), policy([]))).rejects.toMatchObject({
      code: "ERR_SYNC_MANAGEMENT_API",
      status: 400,
      apiMessage: "A draft must be in the 'built' state before it can be deployed.",
    });
  });
});
