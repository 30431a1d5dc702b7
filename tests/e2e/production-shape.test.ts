import { createServer } from "node:https";
import type { AddressInfo } from "node:net";
import { mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadOrCreateCertificate } from "../../auth0-tenant/local/tls/certificate";
import { openBusinessDataStore } from "../../lib/business-data/business-data-store";
import { serverUrl } from "../../lib/database/testing/test-backends";
import { auditorToken } from "./support/auditor";
import { logIn, newPage, newUser, signUp } from "./support/browser-login";
import { launchChromium } from "./support/chromium";
import { acceptTermsAndFinish } from "./support/login-steps";
import { sdkTenant } from "../../lib/auth0";
import { startProductionStack, TENANT_HOST, type ProductionStack } from "./support/production-stack";
import { userByEmail } from "./support/users";

/**
 * The login story in the shape users deploy (see `support/production-stack.ts`): the production build under
 * NODE_ENV=production behind a TLS-terminating proxy, PostgreSQL, and an https tenant at a bare host name, in a
 * Chromium that trusts exactly the two certificates of the run. Needs PostgreSQL (`DATABASE_URL`); skipped without.
 */
let stack: ProductionStack;
let browser: Browser;

/** The SDK's session cookie, `__session`, or its chunks `__session__0`, `__session__1`… when the session is large. */
const isSessionCookie = (name: string) => name === "__session" || name.startsWith("__session__");
const STEP_COOKIE = "consent_step";

/** Every `Set-Cookie` line the browser received from the app, by path of the response. */
function recordAppCookies(page: Page, appUrl: string): Map<string, string[]> {
  const byPath = new Map<string, string[]>();
  page.on("response", async (response) => {
    const url = new URL(response.url());
    if (url.origin !== appUrl) return;
    const lines = (await response.headersArray()).filter((header) => header.name.toLowerCase() === "set-cookie").map((header) => header.value);
    byPath.set(url.pathname, [...(byPath.get(url.pathname) ?? []), ...lines]);
  });
  return byPath;
}

describe.skipIf(!serverUrl)("the production shape: next start over https, PostgreSQL, an https tenant", () => {
  beforeAll(async () => {
    stack = await startProductionStack();
    browser = await launchChromium({ trustedSpki: stack.trustedSpki, hostMap: stack.hostMap });
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await stack?.stop();
  });

  it("is configured as for a real tenant: a bare host over https, the public https URL, one trusted proxy hop", () => {
    expect(stack.env.AUTH0_DOMAIN).toBe(TENANT_HOST);
    expect(sdkTenant(`https://${stack.env.AUTH0_DOMAIN}`)).toEqual({ domain: TENANT_HOST, allowInsecureRequests: false });
    expect(stack.tenant.issuer).toBe(`https://${TENANT_HOST}/`);
    expect(stack.env.APP_BASE_URL).toBe(stack.appUrl);
    expect(stack.appUrl).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);
    expect(stack.env.DATABASE_URL).toMatch(/^postgres(ql)?:\/\//);
    expect(stack.env).not.toHaveProperty("LEDGER_EMBEDDED");
    expect(stack.env.TRUSTED_PROXY_HOPS).toBe("1");
  });

  it("runs in a browser that trusts the run's two certificates and no other", async () => {
    const other = await loadOrCreateCertificate(await mkdtemp(path.join(tmpdir(), "untrusted-")));
    const server = createServer(other, (_req, res) => res.end("untrusted"));
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const { context, page } = await newPage(browser);
    try {
      expect((await page.goto(stack.appUrl))?.status()).toBe(200);
      expect((await page.goto(stack.tenant.issuer + ".well-known/openid-configuration"))?.status()).toBe(200);
      const refused = await (await context.newPage()).goto(`https://127.0.0.1:${(server.address() as AddressInfo).port}/`).then(
        () => "loaded",
        (error: Error) => error.message,
      );
      expect(refused).toMatch(/ERR_CERT_AUTHORITY_INVALID/);
    } finally {
      await context.close();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  });

  describe("a new user", () => {
    const user = newUser("prod");
    let context: BrowserContext;
    let page: Page;
    let appCookies: Map<string, string[]>;

    beforeAll(async () => {
      ({ context, page } = await newPage(browser));
      appCookies = recordAppCookies(page, stack.appUrl);
    });
    afterAll(() => context?.close());

    it("signs up, accepts the terms, completes the profile and lands on the product", async () => {
      await signUp(page, stack.appUrl, user);
      await page.waitForURL(`${stack.appUrl}/terms`);
      await acceptTermsAndFinish(page, stack.appUrl);
      await expect(page.getByTestId("user-email").textContent()).resolves.toBe(user.email);
      await expect(page.getByTestId("terms-version").textContent()).resolves.toMatch(/^Version \d+, accepted on \d{1,2} \w+ \d{4} at \d\d:\d\d UTC$/);
    });

    it("got only Secure cookies: the SDK's session, the step cookie, the tenant's", async () => {
      const sessions = (await context.cookies(stack.appUrl)).filter((cookie) => isSessionCookie(cookie.name));
      expect(sessions).not.toHaveLength(0);
      for (const session of sessions) expect(session, session.name).toMatchObject({ secure: true, httpOnly: true });
      const stepCookie = (appCookies.get("/terms/start") ?? []).find((line) => line.startsWith(`${STEP_COOKIE}=`));
      expect(stepCookie).toMatch(/; Secure(;|$)/);
      expect(stepCookie).toMatch(/; HttpOnly(;|$)/i);
      const sessionLines = [...appCookies.values()].flat().filter((line) => isSessionCookie(line.slice(0, line.indexOf("="))));
      expect(sessionLines).not.toHaveLength(0);
      for (const line of sessionLines) expect(line).toMatch(/; Secure(;|$)/i);
      const tenantCookies = await context.cookies(stack.tenant.issuer);
      expect(tenantCookies).not.toHaveLength(0);
      for (const cookie of tenantCookies) expect(cookie.secure, cookie.name).toBe(true);
    });

    it("is in the PostgreSQL ledger, with the browser's address as the proxy forwarded it", async () => {
      const { user_id: userId } = await userByEmail(stack.tenant, user.email);
      const database = await stack.database.open();
      try {
        const { rows } = await database.query<{ decision: string; ip: string | null }>(
          "SELECT decision, host(ip_address) AS ip FROM consent_records WHERE user_id = $1",
          [userId],
        );
        expect(rows).toEqual([{ decision: "accepted", ip: "127.0.0.1" }]);
      } finally {
        await database.close();
      }
      const audit = await fetch(`${stack.appUrl}/api/consents?user=${encodeURIComponent(userId)}`, {
        headers: { authorization: `Bearer ${await auditorToken(stack.tenant)}` },
      });
      expect(audit.status).toBe(200);
    });

    it("signs out through the tenant's logout and comes back to the app's public URL, signed out", async () => {
      await page.goto(`${stack.appUrl}/auth/logout`);
      await page.waitForURL((url) => url.origin === stack.appUrl && url.pathname === "/");
      await expect(page.getByRole("link", { name: "Sign in" }).count()).resolves.toBe(1);
      expect((await context.cookies(stack.appUrl)).filter((cookie) => isSessionCookie(cookie.name))).toEqual([]);
    });
  });

  it("a returning user logs in with no terms step and gets the business data kept in PostgreSQL", async () => {
    const user = newUser("prod-returning");
    const first = await newPage(browser);
    try {
      await signUp(first.page, stack.appUrl, user);
      await first.page.waitForURL(`${stack.appUrl}/terms`);
      await acceptTermsAndFinish(first.page, stack.appUrl);
    } finally {
      await first.context.close();
    }
    // The business-data Action serves verified emails only; the row is the app's, in its PostgreSQL database.
    const { user_id: userId } = await userByEmail(stack.tenant, user.email);
    await stack.tenant.management.expect(200, "PATCH", `users/${encodeURIComponent(userId)}`, { email_verified: true });
    const store = openBusinessDataStore({ open: () => stack.database.open(), timeoutMs: 10_000 });
    try {
      await store.upsert({ email: user.email, plan: "team", company: "Returning Ltd", accountManager: null, seats: 7 });
    } finally {
      await store.close();
    }

    const { context, page } = await newPage(browser);
    try {
      const visited: string[] = [];
      page.on("framenavigated", (frame) => {
        if (frame === page.mainFrame()) visited.push(new URL(frame.url()).pathname);
      });
      await logIn(page, stack.appUrl, user);
      await page.waitForURL(`${stack.appUrl}/`);
      await expect(page.getByTestId("user-email").textContent()).resolves.toBe(user.email);
      expect(visited.filter((pathname) => pathname.startsWith("/terms") || pathname.startsWith("/profile"))).toEqual([]);
      await expect(page.getByTestId("business-plan").textContent()).resolves.toBe("team");
      await expect(page.getByTestId("business-company").textContent()).resolves.toBe("Returning Ltd");
    } finally {
      await context.close();
    }
  });

  it("a user who declines sees the friendly page and has no session", async () => {
    const { context, page } = await newPage(browser);
    try {
      await signUp(page, stack.appUrl, newUser("prod-decline"));
      await page.waitForURL(`${stack.appUrl}/terms`);
      await page.getByRole("button", { name: "Decline" }).click();
      await page.waitForURL(/\/denied\?/);
      expect(new URL(page.url()).origin).toBe(stack.appUrl);
      await expect(page.locator("h1").textContent()).resolves.toBe("You declined the terms of use");
      expect((await context.cookies(stack.appUrl)).filter((cookie) => isSessionCookie(cookie.name))).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it("ran the SDK without allowInsecureRequests, which it announces under NODE_ENV=production", () => {
    expect(stack.appOutput()).toContain("Ready");
    expect(stack.appOutput()).not.toContain("allowInsecureRequests");
  });
});
