import { randomBytes } from "node:crypto";
import type { Browser, Request } from "playwright-core";
import { afterEach, describe, expect, it } from "vitest";
import { HttpClient } from "../support/http-client";
import { land, submitSignup, type OidcClient } from "../support/oidc-login";
import { startNpmScript, type ScriptRun } from "../support/npm-script";
import { logIn, newPage, newUser } from "./support/browser-login";
import { launchChromium } from "./support/chromium";
import { freePort } from "./support/free-port";
import { acceptTermsAndFinish } from "./support/login-steps";

/**
 * The real `npm run dev`, as a new user starts it, in a fresh copy of the project on random ports: the ngrok-shaped
 * start, the start against a real tenant with the app's variables only, and the first login after a start. Each
 * waits for `next dev` to compile: minutes on a loaded machine.
 */
const STARTED = "Ready. Ctrl-C stops everything.";
const START_TIMEOUT_MS = 420_000;
const runs: ScriptRun[] = [];
let browser: Browser | undefined;

afterEach(async () => {
  await browser?.close();
  browser = undefined;
  await Promise.all(runs.splice(0).map((run) => run.stop()));
});

async function npmRunDev(env: Record<string, string>): Promise<ScriptRun> {
  const run = startNpmScript("dev", env);
  runs.push(run);
  await run.waitFor(STARTED, START_TIMEOUT_MS);
  return run;
}

async function localPorts() {
  const [app, tenant, tls] = await Promise.all([freePort(), freePort(), freePort()]);
  return { app, tenant, tls, env: { AUTH0_DOMAIN: `http://localhost:${tenant}`, LOCAL_TENANT_TLS_PORT: String(tls) } };
}

const manual = (url: string) => fetch(url, { redirect: "manual" });

describe("npm run dev", { timeout: START_TIMEOUT_MS + 120_000 }, () => {
  it("with APP_BASE_URL a public https URL (ngrok): serves on loopback, and every URL given out is the public one", async () => {
    const PUBLIC = "https://abc123.ngrok-free.app";
    const ports = await localPorts();
    const run = await npmRunDev({ ...ports.env, APP_BASE_URL: PUBLIC, PORT: String(ports.app) });
    const local = `http://127.0.0.1:${ports.app}`;
    expect(run.output()).toContain(`Product XYZ      ${PUBLIC}   (listening on ${local})`);
    expect((await manual(`${local}/api/health`)).status).toBe(200);

    // The callback: in the authorization request, and registered on the tenant (which refuses any other).
    const authorize = new URL((await manual(`${local}/auth/login`)).headers.get("location") ?? "");
    expect(authorize.origin).toBe(`http://localhost:${ports.tenant}`);
    expect(authorize.searchParams.get("redirect_uri")).toBe(`${PUBLIC}/auth/callback`);
    const client: OidcClient = {
      issuer: `http://localhost:${ports.tenant}/`,
      clientId: authorize.searchParams.get("client_id") ?? "",
      redirectUri: `${PUBLIC}/auth/callback`,
    };
    const http = new HttpClient();
    const loginPage = await land(http, client, await http.get(authorize));
    expect(loginPage.kind).toBe("page");
    if (loginPage.kind !== "page") return;
    expect(loginPage.response.status).toBe(200);

    // The Action's redirect: the terms step's intake URL the sync gave the Action.
    const landing = await submitSignup(http, client, loginPage.response, newUser("ngrok"));
    expect(landing.kind).toBe("redirect");
    if (landing.kind !== "redirect") return;
    expect(`${landing.url.origin}${landing.url.pathname}`).toBe(`${PUBLIC}/terms/start`);
    expect(landing.url.searchParams.get("session_token")).toBeTruthy();

    // The logout URL: asked for by the app, and allowed by the tenant, which sends the browser back there.
    const logout = new URL((await manual(`${local}/auth/logout`)).headers.get("location") ?? "");
    expect(logout.origin).toBe(`http://localhost:${ports.tenant}`);
    expect(logout.searchParams.get("post_logout_redirect_uri")).toBe(PUBLIC);
    const back = await http.get(logout);
    expect(back.location?.href.replace(/\/$/, "")).toBe(PUBLIC);
  });

  it("against an unreachable real tenant with only the app's variables: says so, and the app starts", async () => {
    const appPort = await freePort();
    const secret = () => randomBytes(32).toString("hex");
    const run = await npmRunDev({
      AUTH0_DOMAIN: "unreachable-tenant.eu.auth0.com",
      AUTH0_CLIENT_ID: "app-client-id",
      AUTH0_CLIENT_SECRET: "app-client-secret",
      AUTH0_SECRET: secret(),
      CONSENT_COOKIE_SECRET: secret(),
      REDIRECT_TOKEN_SECRET: secret(),
      PORT: String(appPort),
    });
    const output = run.output();
    expect(output).toContain(`Product XYZ      http://127.0.0.1:${appPort}\n`);
    expect(output).toMatch(/Auth0 tenant unreachable-tenant\.eu\.auth0\.com cannot be reached \(getaddrinfo (ENOTFOUND|EAI_AGAIN) unreachable-tenant\.eu\.auth0\.com\)/);
    expect(output).toContain("The app starts anyway, but signing in fails until it can");
    expect(output).toContain("cannot be checked without AUTH0_MANAGEMENT_CLIENT_ID");
    expect(output).not.toContain("is required");
    expect(output).not.toContain("[tenant:sync]");
    expect(output).not.toContain("[local-tenant]");
    const page = await manual(`http://127.0.0.1:${appPort}/`);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain("Sign in");
    // Signing in cannot start: the user is asked to try again, not shown the SDK's bare 500.
    const signIn = await manual(`http://127.0.0.1:${appPort}/auth/login`);
    expect(signIn.status).toBe(303);
    expect(new URL(signIn.headers.get("location") ?? "", `http://127.0.0.1:${appPort}`).href).toBe(`http://127.0.0.1:${appPort}/sign-in-failed`);
    expect(run.output()).toContain("[auth] sign-in not started: ");
  });

  it("logs in right after the start with the business data, and its log never shows a whole token", async () => {
    const ports = await localPorts();
    const appUrl = `http://127.0.0.1:${ports.app}`;
    const run = await npmRunDev({ ...ports.env, APP_BASE_URL: appUrl });
    browser = await launchChromium();
    const { context, page } = await newPage(browser);
    const tokens: string[] = [];
    page.on("request", (request: Request) => {
      const url = new URL(request.url());
      const inQuery = url.searchParams.get("session_token");
      if (inQuery) tokens.push(inQuery);
      const inBody = request.method() === "POST" && new URLSearchParams(request.postData() ?? "").get("session_token");
      if (inBody) tokens.push(inBody);
    });
    try {
      await logIn(page, appUrl, { email: "demo@example.com", password: "demo-password-1" });
      await page.waitForURL(`${appUrl}/terms`);
      await acceptTermsAndFinish(page, appUrl);
      await expect(page.getByTestId("business-plan").textContent()).resolves.toBe("enterprise");
      await expect(page.getByTestId("business-seats").textContent()).resolves.toBe("25");
    } finally {
      await context.close();
    }
    // The intake's token from the Action, and the answer token posted back to /continue, for each step.
    expect(tokens.length).toBeGreaterThanOrEqual(2);
    const output = run.output();
    for (const token of tokens) expect(output).not.toContain(token);
    expect(output).not.toMatch(/session_token=[\w-]{16,}/);
    // Nothing failed: the start's warm-up logs no failed sign-in either.
    expect(output).not.toContain("sign-in not completed");
  });
});
