import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createActionsCache } from "../auth0-tenant/local/actions-runtime";
import type { ActionsCacheStore, DeployedAction, TenantUser } from "../auth0-tenant/local/actions-runtime";
import { completedClaims, deployedAction, runAction, tenantUser } from "../tests/support/action-runtime";
import { startStubServer, type StubReply, type StubRequest, type StubServer } from "../tests/support/stub-server";
import { TOKEN_EXPIRY_MARGIN_MS } from "./lib/client-credentials-token";

/**
 * The business-data Action as deployed, in the local tenant's runtime, against one stub playing both the tenant's
 * token endpoint and the app's `GET /api/users/{email}`.
 */
const NAMESPACE = "https://product-xyz.example/";
const AUDIENCE = "https://api.product-xyz.example";
const EMAIL = "o'brien+test@example.com";
const T0 = Date.UTC(2030, 0, 1);
const CUSTOMER = { email: EMAIL, plan: "enterprise", company: "Example Corp", accountManager: "sam@product-xyz.example", seats: 25 };

let stub: StubServer;
let tokensIssued: number;
let apiReply: (request: StubRequest) => StubReply;

beforeAll(async () => {
  stub = await startStubServer((request) => {
    if (request.method === "POST" && request.url === "/oauth/token") {
      return { status: 200, json: { access_token: `api-token-${(tokensIssued += 1)}`, expires_in: 86_400, token_type: "Bearer" } };
    }
    if (request.method === "GET" && request.url.startsWith("/api/users/")) return apiReply(request);
    return { status: 404 };
  });
});
afterAll(() => stub.close());

beforeEach(() => {
  stub.requests.length = 0;
  tokensIssued = 0;
  apiReply = () => ({ status: 200, json: CUSTOMER });
});

function businessDataAction(secrets: Record<string, string> = {}): Promise<DeployedAction> {
  return deployedAction("business-data", {
    TENANT_URL: stub.url,
    CLIENT_ID: "business-data-client",
    CLIENT_SECRET: "business-data-client-secret",
    API_AUDIENCE: AUDIENCE,
    APP_BASE_URL: stub.url,
    CLAIM_NAMESPACE: NAMESPACE,
    BUSINESS_DATA_REQUIRED: "false",
    ...secrets,
  });
}

function login(action: DeployedAction, options: { cache?: ActionsCacheStore; now?: number; user?: Partial<TenantUser> } = {}) {
  const user = tenantUser({ email: EMAIL, email_verified: true, ...options.user });
  return runAction(action, { user, cache: options.cache, now: options.now ?? T0 });
}

const claims = completedClaims;

const apiRequests = () => stub.requests.filter((request) => request.url.startsWith("/api/users/"));
const tokenRequests = () => stub.requests.filter((request) => request.url === "/oauth/token");

describe("business-data Action in the local runtime", () => {
  it("puts the customer's data into the ID token, and what APIs authorize on into the access token", async () => {
    const { outcome, logs } = await login(await businessDataAction());
    expect(claims(outcome)).toEqual({
      id: {
        [`${NAMESPACE}plan`]: "enterprise",
        [`${NAMESPACE}company`]: "Example Corp",
        [`${NAMESPACE}seats`]: 25,
        [`${NAMESPACE}account_manager`]: "sam@product-xyz.example",
      },
      access: { [`${NAMESPACE}plan`]: "enterprise", [`${NAMESPACE}seats`]: 25 },
    });
    expect(logs).toEqual([]);
    expect(Object.fromEntries(new URLSearchParams(tokenRequests()[0]?.body))).toMatchObject({
      grant_type: "client_credentials",
      client_id: "business-data-client",
      audience: AUDIENCE,
    });
    expect(apiRequests()[0]?.url).toBe(`/api/users/${encodeURIComponent(EMAIL)}`);
    expect(apiRequests()[0]?.headers.authorization).toBe("Bearer api-token-1");
  });

  it("sets no account manager claim when the customer has none", async () => {
    apiReply = () => ({ status: 200, json: { ...CUSTOMER, accountManager: null } });
    expect(Object.keys(claims((await login(await businessDataAction())).outcome).id)).not.toContain(`${NAMESPACE}account_manager`);
  });

  it("reuses the cached token across logins until the margin before it expires", async () => {
    const action = await businessDataAction();
    const cache = createActionsCache();
    for (const at of [T0, T0 + 3_600_000, T0 + 86_400_000 - TOKEN_EXPIRY_MARGIN_MS - 1]) await login(action, { cache, now: at });
    expect(tokenRequests()).toHaveLength(1);
    await login(action, { cache, now: T0 + 86_400_000 - TOKEN_EXPIRY_MARGIN_MS });
    expect(tokenRequests()).toHaveLength(2);
    expect(apiRequests()).toHaveLength(4);
  });

  it("asks nothing for a user whose email is not verified (anyone may sign up with a customer's address)", async () => {
    const { outcome } = await login(await businessDataAction({ BUSINESS_DATA_REQUIRED: "true" }), { user: { email_verified: false } });
    expect(claims(outcome)).toEqual({ id: {}, access: {} });
    expect(stub.requests).toEqual([]);
  });

  it("sets no claim for someone who is not a customer (404): an answer, not a failure", async () => {
    apiReply = () => ({ status: 404, json: { error: "not_found" } });
    const { outcome, logs } = await login(await businessDataAction({ BUSINESS_DATA_REQUIRED: "true" }));
    expect(claims(outcome)).toEqual({ id: {}, access: {} });
    expect(logs).toEqual([]);
  });

  it("goes on without the claims when the API fails, or denies when they are required", async () => {
    apiReply = () => ({ status: 503, json: { error: "temporarily_unavailable" } });
    const optional = await login(await businessDataAction());
    expect(claims(optional.outcome)).toEqual({ id: {}, access: {} });
    expect(optional.logs).toEqual([
      "warn: business data: upstream_status: the product API answered 503 (temporarily_unavailable); login continues without the claim",
    ]);
    const required = await login(await businessDataAction({ BUSINESS_DATA_REQUIRED: "true" }));
    expect(required.outcome).toMatchObject({ kind: "denied", reason: "business_data_unavailable" });
  });

  it("gives up when the API hangs", async () => {
    apiReply = () => "hang";
    const { outcome, logs } = await login(await businessDataAction());
    expect(claims(outcome)).toEqual({ id: {}, access: {} });
    expect(logs).toEqual(["warn: business data: upstream_timeout: the product API did not answer in time; login continues without the claim"]);
  });

  it("refuses an answer of another shape rather than put it into tokens", async () => {
    apiReply = () => ({ status: 200, json: { plan: "gold", company: "X", seats: "many", accountManager: null } });
    const { outcome, logs } = await login(await businessDataAction());
    expect(claims(outcome)).toEqual({ id: {}, access: {} });
    expect(logs[0]).toContain("upstream_invalid_response");
  });
});
