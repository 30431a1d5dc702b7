import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import type * as Auth0SpaJs from "@auth0/auth0-spa-js";
import type { Auth0Client, Auth0ClientOptions } from "@auth0/auth0-spa-js";
import { createRemoteJWKSet, decodeJwt, decodeProtectedHeader, jwtVerify } from "jose";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SESSION_COOKIE } from "../../auth0-tenant/local/state/sessions";
import { desiredState } from "../../auth0-tenant/tenant/desired-state";
import { syncTenant } from "../../auth0-tenant/sync/sync-tenant";
import { CLAIMS } from "../../contract/claims";
import { PRODUCT_API } from "../../contract/product-api";
import { currentVersionOf, termsDocuments } from "../../lib/terms/documents";
import { ROTATING_REFRESH_TOKENS, startHttpsTestTenant, syncTargetOf, type TestTenant } from "../support/local-tenant";
import { launchChromium, launchChromiumProfile } from "./support/chromium";
import { freePort } from "./support/free-port";
import { TENANT_HOST } from "./support/production-stack";
import { startSpaServer, type SpaServer } from "./support/spa-server";
import { CLAIM_NAMESPACE } from "./support/stack";

/**
 * A single-page app written with `@auth0/auth0-spa-js` (its browser bundle, loaded by a static page) against the
 * local tenant in https mode at a public host name, as against Auth0: a SPA client (`token_endpoint_auth_method`
 * none) with the page's origin in its callbacks, Allowed Web Origins, Allowed Origins (CORS) and Allowed Logout
 * URLs, and the product's Actions as the sync deploys them. The user has accepted the current terms and answered
 * the profile step, so no Action redirects (the terms step in a browser is `login-story.test.ts`'s); the user is an
 * auditor, whom the access policy lets ask for the product API.
 */
declare global {
  interface Window {
    auth0: typeof Auth0SpaJs;
    spa: Auth0Client;
  }
}

const terms = currentVersionOf(termsDocuments());
const AUDITOR = { email: "spa-auditor@example.com", password: "spa-auditor-password" };

let tenant: TestTenant;
let spa: SpaServer;
/** A user's browser profile (third-party cookies allowed, Chrome's default). */
let profile: BrowserContext;
let profileDir: string;
/** Its Incognito-like contexts block third-party cookies. */
let browser: Browser;
let clientId: string;
/** The registered origin, and the same server at an origin the client does not know. */
let appOrigin: string;
let foreignOrigin: string;

beforeAll(async () => {
  spa = await startSpaServer();
  appOrigin = spa.origin("127.0.0.1");
  foreignOrigin = spa.origin("localhost");
  tenant = await startHttpsTestTenant({ publicHost: TENANT_HOST });
  const target = await syncTargetOf(tenant);
  await syncTenant({
    target,
    desired: desiredState({
      // Nothing listens there: no Action redirects this user, and the business-data one serves verified emails only.
      appBaseUrl: `http://127.0.0.1:${await freePort()}`,
      tenantUrl: target.tenantUrl,
      claimNamespace: CLAIM_NAMESPACE,
      redirectTokenSecret: "r".repeat(64),
      termsVersion: terms,
    }),
    mode: "apply",
    output: { write: () => true },
    stateDir: path.join(tenant.dataDir, "tenant-sync"),
    envFile: path.join(tenant.dataDir, ".env.local"),
    buildWait: { initialDelayMs: 20 },
  });
  const client = await tenant.management.expect<{ client_id: string }>(201, "POST", "clients", {
    name: "auth0-spa-js test app",
    app_type: "spa",
    token_endpoint_auth_method: "none",
    grant_types: ["authorization_code", "refresh_token"],
    callbacks: [`${appOrigin}/`],
    web_origins: [appOrigin],
    allowed_origins: [appOrigin],
    allowed_logout_urls: [`${appOrigin}/`],
    refresh_token: ROTATING_REFRESH_TOKENS,
  });
  clientId = client.client_id;
  await tenant.management.createUser({
    ...AUDITOR,
    roles: [PRODUCT_API.auditorRole],
    app_metadata: { termsAcceptanceHistory: [{ version: terms, acceptedAt: "2026-01-01T00:00:00.000Z", clientId }] },
    user_metadata: { favorite_color: "teal" },
  });
  const chromiumOptions = {
    trustedSpki: [tenant.certificate?.spkiSha256 ?? ""],
    hostMap: { [`${TENANT_HOST}:443`]: `127.0.0.1:${tenant.port}` },
  };
  profileDir = await mkdtemp(path.join(tmpdir(), "chromium-profile-"));
  [profile, browser] = await Promise.all([launchChromiumProfile(profileDir, chromiumOptions), launchChromium(chromiumOptions)]);
}, 120_000);

afterAll(async () => {
  await profile?.close();
  await browser?.close();
  await tenant?.stop();
  await spa?.close();
  if (profileDir) await rm(profileDir, { recursive: true, force: true });
});

/** What the browser exchanged with the tenant, from any frame of the page (the SDK's hidden iframe included). */
interface Exchange {
  url: URL;
  method: string;
  status: number;
  requestBody: string | null;
  responseHeaders: Record<string, string>;
  frameIsMain: boolean;
}

function recordTenantTraffic(page: Page): Exchange[] {
  const exchanges: Exchange[] = [];
  page.on("response", (response) => {
    const url = new URL(response.url());
    if (url.hostname !== TENANT_HOST) return;
    const request = response.request();
    exchanges.push({
      url,
      method: request.method(),
      status: response.status(),
      requestBody: request.postData(),
      responseHeaders: response.headers(),
      frameIsMain: request.frame() === page.mainFrame(),
    });
  });
  return exchanges;
}

type SdkOptions = Auth0ClientOptions & { refreshTokenMode?: "offline" };

/** The SDK's options: `refreshTokens` picks the refresh-token path, otherwise the hidden iframe. */
function sdkOptions(refreshTokens: boolean): SdkOptions {
  return {
    domain: TENANT_HOST,
    clientId,
    authorizationParams: { redirect_uri: `${appOrigin}/` },
    useRefreshTokens: refreshTokens,
    // Kept across the login's redirects, and readable by the test (the refresh token's rotation).
    cacheLocation: refreshTokens ? "localstorage" : "memory",
  };
}

/** Creates `window.spa` in the page, as an app does on load. */
async function createClient(page: Page, options: SdkOptions): Promise<void> {
  await page.evaluate(async (config) => {
    window.spa = await window.auth0.createAuth0Client(config);
  }, options);
}

/** The refresh token the SDK keeps in its localStorage cache entry for this client. */
function cachedRefreshToken(page: Page): Promise<string | undefined> {
  return page.evaluate((id) => {
    for (const key of Object.keys(localStorage)) {
      if (!key.startsWith(`@@auth0spajs@@::${id}::`) || key.endsWith("@@user@@")) continue;
      const entry = JSON.parse(localStorage.getItem(key) ?? "{}") as { body?: { refresh_token?: string } };
      if (entry.body?.refresh_token) return entry.body.refresh_token;
    }
    return undefined;
  }, clientId);
}

const tokenCalls = (exchanges: Exchange[]) => exchanges.filter((exchange) => exchange.url.pathname === "/oauth/token" && exchange.method === "POST");
const formOf = (exchange: Exchange | undefined) => new URLSearchParams(exchange?.requestBody ?? "");

/** From the app's page through the Universal Login page and back with a code (the SDK's `loginWithRedirect`). */
async function logInWithRedirect(page: Page, appState?: Record<string, string>): Promise<void> {
  await page.evaluate((state) => window.spa.loginWithRedirect(state ? { appState: state } : {}), appState);
  await page.waitForURL((url) => url.hostname === TENANT_HOST && url.pathname === "/u/login");
  await page.locator("#username").fill(AUDITOR.email);
  await page.locator("#password").fill(AUDITOR.password);
  await page.getByRole("button", { name: "Continue" }).click();
  await page.waitForURL((url) => url.origin === appOrigin && url.searchParams.has("code"));
}

describe("@auth0/auth0-spa-js against the local tenant in https mode, in a user's browser", () => {
  let context: BrowserContext;
  let page: Page;
  let traffic: Exchange[];

  beforeAll(async () => {
    context = profile;
    page = await context.newPage();
    traffic = recordTenantTraffic(page);
  });

  it("logs in with loginWithRedirect on the Universal Login page, and handleRedirectCallback completes it", async () => {
    await page.goto(`${appOrigin}/`);
    await createClient(page, sdkOptions(true));
    await expect(page.evaluate(() => window.spa.isAuthenticated())).resolves.toBe(false);
    await logInWithRedirect(page, { returnTo: "/reports" });

    await createClient(page, sdkOptions(true));
    const result = await page.evaluate(() => window.spa.handleRedirectCallback());
    expect(result.appState).toEqual({ returnTo: "/reports" });
    await expect(page.evaluate(() => window.spa.isAuthenticated())).resolves.toBe(true);
    const user = await page.evaluate(() => window.spa.getUser());
    expect(user).toMatchObject({ email: AUDITOR.email, [`${CLAIM_NAMESPACE}${CLAIMS.termsVersion}`]: terms });

    const authorize = traffic.find((exchange) => exchange.url.pathname === "/authorize");
    expect(Object.fromEntries(authorize?.url.searchParams ?? [])).toMatchObject({
      client_id: clientId,
      response_type: "code",
      response_mode: "query",
      code_challenge_method: "S256",
      scope: expect.stringContaining("offline_access"),
    });
    const [exchange] = tokenCalls(traffic);
    expect(formOf(exchange).get("grant_type")).toBe("authorization_code");
    expect(formOf(exchange).has("client_secret")).toBe(false);
    expect(exchange?.status).toBe(200);
    expect(exchange?.responseHeaders["access-control-allow-origin"]).toBe(appOrigin);
  });

  it("keeps the tenant session in a SameSite=None; Secure cookie", async () => {
    const cookies = await context.cookies(`https://${TENANT_HOST}/`);
    expect(cookies.find((cookie) => cookie.name === SESSION_COOKIE)).toMatchObject({ sameSite: "None", secure: true, httpOnly: true });
  });

  it("refreshes with the rotating refresh token (useRefreshTokens): a new refresh token, an opaque access token", async () => {
    const before = await cachedRefreshToken(page);
    expect(before).toBeTruthy();
    const seen = tokenCalls(traffic).length;
    const response = await page.evaluate(async () => {
      const tokens = await window.spa.getTokenSilently({ cacheMode: "off", detailedResponse: true });
      if (!tokens) throw new Error("getTokenSilently answered nothing");
      return tokens;
    });
    const [refresh] = tokenCalls(traffic).slice(seen);
    expect(formOf(refresh).get("grant_type")).toBe("refresh_token");
    expect(formOf(refresh).get("refresh_token")).toBe(before);
    expect(refresh?.status).toBe(200);
    expect(refresh?.responseHeaders["access-control-allow-origin"]).toBe(appOrigin);
    const after = await cachedRefreshToken(page);
    expect(after).toBeTruthy();
    expect(after).not.toBe(before);
    // No audience: an access token for /userinfo only, a JWE nobody but the tenant reads, as Auth0's.
    expect(decodeProtectedHeader(response.access_token)).toMatchObject({ alg: "dir", enc: "A256GCM" });
    expect(decodeJwt(response.id_token)).toMatchObject({ email: AUDITOR.email, aud: clientId });
  });

  it("gets tokens silently in a hidden iframe (useRefreshTokens false): prompt=none, web_message, the session cookie sent cross-site", async () => {
    await createClient(page, sdkOptions(false));
    const seen = traffic.length;
    const response = await page.evaluate(async () => {
      const tokens = await window.spa.getTokenSilently({ cacheMode: "off", detailedResponse: true });
      if (!tokens) throw new Error("getTokenSilently answered nothing");
      return tokens;
    });
    expect(decodeJwt(response.id_token)).toMatchObject({ email: AUDITOR.email, aud: clientId });
    const silent = traffic.slice(seen).find((exchange) => exchange.url.pathname === "/authorize");
    expect(silent?.frameIsMain).toBe(false);
    expect(Object.fromEntries(silent?.url.searchParams ?? [])).toMatchObject({ prompt: "none", response_mode: "web_message" });
    expect(silent?.status).toBe(200);
    expect(silent?.responseHeaders["content-security-policy"]).toContain(`frame-ancestors ${appOrigin}`);
    const [exchange] = tokenCalls(traffic.slice(seen));
    expect(formOf(exchange).get("grant_type")).toBe("authorization_code");
    expect(exchange?.responseHeaders["access-control-allow-origin"]).toBe(appOrigin);
  });

  it("gets a JWT for the product API with an audience, signed by a key of the tenant's JWKS", async () => {
    const accessToken = await page.evaluate(async (audience) => {
      const token = await window.spa.getTokenSilently({ cacheMode: "off", authorizationParams: { audience } });
      if (!token) throw new Error("getTokenSilently answered nothing");
      return token;
    }, PRODUCT_API.identifier);
    const jwks = createRemoteJWKSet(new URL(".well-known/jwks.json", `https://${TENANT_HOST}/`));
    const { payload } = await jwtVerify(accessToken, jwks, { issuer: `https://${TENANT_HOST}/`, audience: PRODUCT_API.identifier });
    expect(payload).toMatchObject({ azp: clientId, [`${CLAIM_NAMESPACE}${CLAIMS.roles}`]: expect.arrayContaining([PRODUCT_API.auditorRole]) });
  });

  it("lets only the client's origins read the tenant's answers: another origin's token request is refused, unreadable", async () => {
    const other = await context.newPage();
    const failed: string[] = [];
    other.on("requestfailed", (request) => failed.push(`${request.method()} ${request.url()} ${request.failure()?.errorText ?? ""}`));
    try {
      await other.goto(`${foreignOrigin}/`);
      const outcome = await other.evaluate(
        async ({ tokenUrl, id }) =>
          fetch(tokenUrl, {
            method: "POST",
            headers: { "content-type": "application/x-www-form-urlencoded", "auth0-client": btoa(JSON.stringify({ name: "auth0-spa-js" })) },
            body: new URLSearchParams({ grant_type: "refresh_token", client_id: id, refresh_token: "unknown" }).toString(),
          }).then(
            (response) => `read ${response.status}`,
            (error: Error) => `refused: ${error.message}`,
          ),
        { tokenUrl: `https://${TENANT_HOST}/oauth/token`, id: clientId },
      );
      expect(outcome).toBe("refused: Failed to fetch");
      // The browser sent it (the preflight let it through) and found no Access-Control-Allow-Origin on the answer.
      expect(failed).toContain(`POST https://${TENANT_HOST}/oauth/token net::ERR_FAILED`);
      expect(tenant.logs.join("\n")).toContain(`POST /oauth/token refused with 401 access_denied: Unauthorized (reason: Origin ${foreignOrigin} is not allowed`);
      // Discovery and the JWKS are anyone's to read.
      const discovery = await other.evaluate((url) => fetch(url).then((response) => response.json() as Promise<{ issuer: string }>), `https://${TENANT_HOST}/.well-known/openid-configuration`);
      expect(discovery.issuer).toBe(`https://${TENANT_HOST}/`);
    } finally {
      await other.close();
    }
  });

  it("logs out through /v2/logout back to the app: signed out, and silent authentication answers login_required", async () => {
    await createClient(page, sdkOptions(true));
    await page.evaluate((returnTo) => window.spa.logout({ logoutParams: { returnTo } }), `${appOrigin}/`);
    await page.waitForURL(`${appOrigin}/`);
    const logout = traffic.find((exchange) => exchange.url.pathname === "/v2/logout");
    expect(Object.fromEntries(logout?.url.searchParams ?? [])).toMatchObject({ client_id: clientId, returnTo: `${appOrigin}/` });
    expect((await context.cookies(`https://${TENANT_HOST}/`)).map((cookie) => cookie.name)).not.toContain(SESSION_COOKIE);

    await createClient(page, sdkOptions(true));
    await expect(page.evaluate(() => window.spa.isAuthenticated())).resolves.toBe(false);
    await createClient(page, sdkOptions(false));
    const silent = await page.evaluate(() =>
      window.spa.getTokenSilently({ cacheMode: "off" }).then(
        () => "got a token",
        (error: { error?: string }) => error.error ?? String(error),
      ),
    );
    expect(silent).toBe("login_required");
  });
});

describe("in a browser that blocks third-party cookies (Incognito's default)", () => {
  it("still refreshes with a refresh token, but the hidden iframe gets no session: login_required", async () => {
    const context = await browser.newContext();
    try {
      const page = await context.newPage();
      await page.goto(`${appOrigin}/`);
      await createClient(page, sdkOptions(true));
      await logInWithRedirect(page);
      await createClient(page, sdkOptions(true));
      await page.evaluate(() => window.spa.handleRedirectCallback());
      await expect(page.evaluate(() => window.spa.getTokenSilently({ cacheMode: "off" }))).resolves.toEqual(expect.any(String));
      await createClient(page, sdkOptions(false));
      const silent = await page.evaluate(() =>
        window.spa.getTokenSilently({ cacheMode: "off" }).then(
          () => "got a token",
          (error: { error?: string }) => error.error ?? String(error),
        ),
      );
      expect(silent).toBe("login_required");
    } finally {
      await context.close();
    }
  });
});
