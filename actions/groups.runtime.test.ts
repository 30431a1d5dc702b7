import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createActionsCache } from "../auth0-tenant/local/actions-runtime";
import type { ActionsCacheStore, DeployedAction, PipelineOutcome, TenantUser } from "../auth0-tenant/local/actions-runtime";
import { completedClaims, deployedAction, runAction, tenantUser } from "../tests/support/action-runtime";
import { startStubServer, type StubReply, type StubRequest, type StubServer } from "../tests/support/stub-server";
import { TOKEN_EXPIRY_MARGIN_MS } from "./lib/client-credentials-token";

/**
 * The groups Action as deployed, in the local tenant's runtime, against a stub of the tenant's token endpoint and
 * Management API: claims, missing attribute, failures (429, timeout, unreachable), and the token cache on a fake
 * clock.
 */
const NAMESPACE = "https://product-xyz.example/";
const CLIENT_SECRET = "groups-client-secret-value";
const USER_ID = "waad|ada@example.com";
const T0 = Date.UTC(2030, 0, 1);
const DAY_S = 86_400;

let tenant: StubServer;
let tokensIssued: number;
/** What the stub answers for the user; a function to play failures. */
let userReply: (request: StubRequest) => StubReply;
let tokenReply: () => StubReply;

function stub(request: StubRequest): StubReply {
  if (request.method === "POST" && request.url === "/oauth/token") return tokenReply();
  if (request.method === "GET" && request.url.startsWith("/api/v2/users/")) return userReply(request);
  return { status: 404, json: { error: "not_found" } };
}

async function groupsAction(secrets: Record<string, string> = {}): Promise<DeployedAction> {
  return deployedAction("groups", {
    TENANT_URL: tenant.url,
    CLIENT_ID: "groups-client",
    CLIENT_SECRET,
    CLAIM_NAMESPACE: NAMESPACE,
    GROUPS_REQUIRED: "false",
    ...secrets,
  });
}

interface Login {
  outcome: PipelineOutcome;
  logs: string[];
}

function login(action: DeployedAction, options: { cache?: ActionsCacheStore; now?: number; user?: TenantUser } = {}): Promise<Login> {
  const user = options.user ?? tenantUser({ user_id: USER_ID, email: "ada@example.com" });
  return runAction(action, { user, cache: options.cache, now: options.now ?? T0 });
}

const claims = completedClaims;

const tokenRequests = () => tenant.requests.filter((request) => request.url === "/oauth/token");
const userRequests = () => tenant.requests.filter((request) => request.url.startsWith("/api/v2/users/"));

beforeAll(async () => {
  tenant = await startStubServer(stub);
});
afterAll(() => tenant.close());

beforeEach(() => {
  tenant.requests.length = 0;
  tokensIssued = 0;
  tokenReply = () => ({ status: 200, json: { access_token: `mgmt-token-${(tokensIssued += 1)}`, expires_in: DAY_S, token_type: "Bearer", scope: "read:users" } });
  userReply = () => ({ status: 200, json: { user_id: USER_ID, groups: ["engineering", "staff"] } });
});

describe("groups Action in the local runtime", () => {
  it("puts the directory groups into the ID and access tokens, read with a client-credentials token", async () => {
    const { outcome } = await login(await groupsAction());
    expect(claims(outcome)).toEqual({
      id: { [`${NAMESPACE}groups`]: ["engineering", "staff"] },
      access: { [`${NAMESPACE}groups`]: ["engineering", "staff"] },
    });
    const [tokenRequest] = tokenRequests();
    expect(Object.fromEntries(new URLSearchParams(tokenRequest?.body))).toEqual({
      grant_type: "client_credentials",
      client_id: "groups-client",
      client_secret: CLIENT_SECRET,
      audience: `${tenant.url}/api/v2/`,
    });
    const [userRequest] = userRequests();
    expect(userRequest?.url).toBe(`/api/v2/users/${encodeURIComponent(USER_ID)}?fields=groups&include_fields=true`);
    expect(userRequest?.headers.authorization).toBe("Bearer mgmt-token-1");
  });

  it("sets no claim, and fails nothing, for a user without a groups attribute", async () => {
    userReply = () => ({ status: 200, json: { user_id: USER_ID } });
    const { outcome, logs } = await login(await groupsAction({ GROUPS_REQUIRED: "true" }));
    expect(claims(outcome)).toEqual({ id: {}, access: {} });
    expect(logs).toEqual([]);
  });

  it("sets an empty list as such", async () => {
    userReply = () => ({ status: 200, json: { user_id: USER_ID, groups: [] } });
    expect(claims((await login(await groupsAction())).outcome).id).toEqual({ [`${NAMESPACE}groups`]: [] });
  });

  describe("the token cache", () => {
    it("mints one token for many logins (cache hit), and a first one when the cache is empty (miss)", async () => {
      const action = await groupsAction();
      const cache = createActionsCache();
      for (let minute = 0; minute < 5; minute += 1) {
        const { outcome } = await login(action, { cache, now: T0 + minute * 60_000 });
        expect(claims(outcome).id).toEqual({ [`${NAMESPACE}groups`]: ["engineering", "staff"] });
      }
      expect(tokenRequests()).toHaveLength(1);
      expect(userRequests().map((request) => request.headers.authorization)).toEqual(Array(5).fill("Bearer mgmt-token-1"));
      await login(action, { cache: createActionsCache() });
      expect(tokenRequests()).toHaveLength(2);
    });

    it("keeps the token until the safety margin before its expiry, then mints a new one", async () => {
      const action = await groupsAction();
      const cache = createActionsCache();
      await login(action, { cache, now: T0 });
      const lastUse = T0 + DAY_S * 1000 - TOKEN_EXPIRY_MARGIN_MS - 1;
      await login(action, { cache, now: lastUse });
      expect(tokenRequests()).toHaveLength(1);
      await login(action, { cache, now: lastUse + 1 });
      expect(tokenRequests()).toHaveLength(2);
      expect(userRequests().at(-1)?.headers.authorization).toBe("Bearer mgmt-token-2");
    });

    it("drops a cached token the Management API refuses (401), and retries once with a new one", async () => {
      const action = await groupsAction();
      const cache = createActionsCache();
      await login(action, { cache });
      userReply = (request) =>
        request.headers.authorization === "Bearer mgmt-token-1"
          ? { status: 401, json: { statusCode: 401, error: "Unauthorized", message: "Invalid token", errorCode: "invalid_token" } }
          : { status: 200, json: { user_id: USER_ID, groups: ["rotated"] } };
      const { outcome, logs } = await login(action, { cache });
      expect(claims(outcome).id).toEqual({ [`${NAMESPACE}groups`]: ["rotated"] });
      expect(logs).toEqual(["log: groups: the cached token was refused (401); requesting a new one"]);
      await login(action, { cache });
      expect(tokenRequests()).toHaveLength(2);
    });

    it("uses a token over api.cache's 4 kB without caching it, and says so", async () => {
      tokenReply = () => ({ status: 200, json: { access_token: `big-${(tokensIssued += 1)}-${"x".repeat(5000)}`, expires_in: DAY_S } });
      const action = await groupsAction();
      const cache = createActionsCache();
      const first = await login(action, { cache });
      expect(claims(first.outcome).id).toEqual({ [`${NAMESPACE}groups`]: ["engineering", "staff"] });
      expect(first.logs).toEqual([
        expect.stringMatching(/^log: groups: the token was not cached: CacheValueSizeExceeded \(\d+ bytes, over 4 kB\); the next login requests a new one$/),
      ]);
      await login(action, { cache });
      expect(tokenRequests()).toHaveLength(2);
    });
  });

  describe("failures", () => {
    const rateLimited = (): StubReply => ({
      status: 429,
      json: { statusCode: 429, error: "Too Many Requests", message: "Global limit has been reached", errorCode: "too_many_requests" },
      headers: { "x-ratelimit-reset": "1893456060" },
    });

    it("goes on without the claim when the Management API answers 429, and logs why (GROUPS_REQUIRED=false)", async () => {
      userReply = rateLimited;
      const { outcome, logs } = await login(await groupsAction());
      expect(claims(outcome)).toEqual({ id: {}, access: {} });
      expect(logs).toEqual([
        "warn: groups: upstream_rate_limited: the Management API answered 429 (too_many_requests), rate limited until 1893456060; login continues without the claim",
      ]);
    });

    it("denies the login with a stable reason when the groups are required (GROUPS_REQUIRED=true)", async () => {
      userReply = rateLimited;
      const { outcome, logs } = await login(await groupsAction({ GROUPS_REQUIRED: "true" }));
      expect(outcome).toMatchObject({ kind: "denied", reason: "groups_unavailable" });
      expect(logs[0]).toMatch(/^error: groups: upstream_rate_limited: .*; login denied \(groups_unavailable\)$/);
    });

    it("gives up after its deadline when the Management API hangs, far within the 20 s of the trigger", async () => {
      userReply = () => "hang";
      const started = performance.now();
      const { outcome, logs } = await login(await groupsAction());
      const elapsed = performance.now() - started;
      expect(claims(outcome)).toEqual({ id: {}, access: {} });
      expect(logs).toEqual(["warn: groups: upstream_timeout: the Management API did not answer in time; login continues without the claim"]);
      expect(elapsed).toBeGreaterThan(2_900);
      expect(elapsed).toBeLessThan(5_000);
    });

    it("says when the token endpoint refuses the client, without the secret or any token in the logs", async () => {
      tokenReply = () => ({ status: 401, json: { error: "access_denied", error_description: "Unauthorized" } });
      const { outcome, logs } = await login(await groupsAction());
      expect(claims(outcome)).toEqual({ id: {}, access: {} });
      expect(logs).toEqual(["warn: groups: upstream_unauthorized: the token endpoint answered 401 (access_denied); login continues without the claim"]);
      expect(logs.join("\n")).not.toContain(CLIENT_SECRET);
    });

    it("reports a tenant it cannot reach", async () => {
      const closed = await startStubServer(stub);
      await closed.close();
      const { outcome, logs } = await login(await groupsAction({ TENANT_URL: closed.url }));
      expect(claims(outcome)).toEqual({ id: {}, access: {} });
      expect(logs).toEqual(["warn: groups: upstream_unreachable: the token endpoint could not be reached; login continues without the claim"]);
    });

    it("refuses groups that are not a list of names", async () => {
      userReply = () => ({ status: 200, json: { user_id: USER_ID, groups: "engineering" } });
      const { logs } = await login(await groupsAction());
      expect(logs).toEqual(["warn: groups: upstream_invalid_response: the user's groups are not a list of names; login continues without the claim"]);
    });

    it("never logs a token", async () => {
      const cache = createActionsCache();
      const action = await groupsAction();
      await login(action, { cache });
      userReply = rateLimited;
      const { logs } = await login(action, { cache });
      expect(logs.join("\n")).not.toMatch(/mgmt-token/);
    });

    it("fails the login, naming it, when GROUPS_REQUIRED is neither true nor false", async () => {
      const { outcome } = await login(await groupsAction({ GROUPS_REQUIRED: "yes" }));
      expect(outcome).toMatchObject({ kind: "failed", message: 'The Action secret GROUPS_REQUIRED must be "true" or "false": run npm run tenant:sync.' });
    });
  });
});
