import { performance } from "node:perf_hooks";
import { Client } from "pg";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTcpProxy, type ProxyMode, type TcpProxy } from "../../lib/database/testing/tcp-proxy";
import { createTestBackend, serverUrl, type TestBackend } from "../../lib/database/testing/test-backends";
import type { HttpResponse } from "../support/http-client";
import { API_AUDIENCE, auditorToken } from "./support/auditor";
import { newUser } from "./support/browser-login";
import { launchChromium } from "./support/chromium";
import { answerTerms, finishLogin, signUpToTerms, submitOnlyForm, type TermsLogin } from "./support/http-login";
import { checkAtBothWidths } from "./support/page-checks";
import { startStack, type Stack } from "./support/stack";

/**
 * The ledger's degraded mode in the production server: `next start` of the build, its ledger on PostgreSQL
 * reached through a TCP proxy that the test makes refuse connections, hang, or cut them, then restores. The app
 * opens its databases in `instrumentation.ts`, in a chunk of its own: what the routes see of the ledger's errors
 * is only what crosses Next's chunks.
 */
const LEDGER_TIMEOUT_MS = 1500;
const FAULTS: Array<{ mode: Exclude<ProxyMode, "forward">; what: string }> = [
  { mode: "refuse", what: "refused" },
  { mode: "stall", what: "hung" },
  { mode: "reset", what: "cut" },
];

let backend: TestBackend;
let proxy: TcpProxy;
let stack: Stack;
let auditor: string;
let machine: string;
/** A user signed in to the app before the faults, for `/account/consents`. */
let signedIn: TermsLogin;
/** Logins whose acceptance the app answered with a hand-off (so it is recorded), by email. */
const accepted = new Set<string>();
const declined = new Set<string>();
const figures: string[] = [];

async function ms<T>(work: () => Promise<T>): Promise<{ result: T; ms: number }> {
  const started = performance.now();
  const result = await work();
  return { result, ms: Math.round(performance.now() - started) };
}

/** A client-credentials token of the business-data Action's machine client, as the Action gets it. */
async function businessDataToken(): Promise<string> {
  const clients = await stack.tenant.management.expect<Array<{ name: string; client_id: string; client_secret?: string }>>(200, "GET", "clients");
  const client = clients.find((candidate) => candidate.name === "Product XYZ business-data Action");
  if (!client?.client_secret) throw new Error("the sync did not create the business-data Action's client");
  const response = await fetch(new URL("oauth/token", stack.tenant.issuer), {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ grant_type: "client_credentials", client_id: client.client_id, client_secret: client.client_secret, audience: API_AUDIENCE }),
  });
  if (!response.ok) throw new Error(`token refused: ${response.status} ${await response.text()}`);
  return ((await response.json()) as { access_token: string }).access_token;
}

const consentsApi = () => fetch(`${stack.appUrl}/api/consents?limit=1`, { headers: { authorization: `Bearer ${auditor}` } });
const usersApi = () => fetch(`${stack.appUrl}/api/users/demo%40example.com`, { headers: { authorization: `Bearer ${machine}` } });

function expectRetryPage(page: HttpResponse, action: string): void {
  expect({ status: page.status, retryAfter: page.headers.get("retry-after") }, page.text.slice(0, 500)).toEqual({ status: 503, retryAfter: "5" });
  expect(page.text).toContain("try again");
  expect(page.text).toContain(`action="${action}"`);
}

async function expectProductPage(login: TermsLogin, email: string, handOff: HttpResponse): Promise<void> {
  const product = await finishLogin(login, handOff);
  expect(product.status).toBe(200);
  expect(product.text).toContain(email);
}

async function rowsByDecision(): Promise<Record<string, number>> {
  const client = new Client({ connectionString: backend.url });
  await client.connect();
  try {
    const { rows } = await client.query<{ decision: string; count: string; logins: string }>(
      "SELECT decision, count(*) AS count, count(DISTINCT login_state) AS logins FROM consent_records GROUP BY decision",
    );
    for (const row of rows) expect(row.logins).toBe(row.count);
    return Object.fromEntries(rows.map((row) => [row.decision, Number(row.count)]));
  } finally {
    await client.end();
  }
}

describe.skipIf(!serverUrl)("the ledger's degraded mode, through next start with PostgreSQL behind a proxy", () => {
  beforeAll(async () => {
    backend = await createTestBackend("postgres");
    const direct = new URL(backend.url ?? "");
    proxy = await startTcpProxy({ host: direct.hostname, port: Number(direct.port || 5432) });
    const proxied = new URL(direct);
    proxied.hostname = "127.0.0.1";
    proxied.port = String(proxy.port);
    stack = await startStack({ env: { DATABASE_URL: proxied.href, LEDGER_TIMEOUT_MS: String(LEDGER_TIMEOUT_MS) } });
    [auditor, machine] = await Promise.all([auditorToken(stack.tenant), businessDataToken()]);
    const user = newUser("faults");
    signedIn = await signUpToTerms(stack, user);
    const handOff = await answerTerms(signedIn, "accept");
    await expectProductPage(signedIn, user.email, handOff);
    accepted.add(user.email);
  }, 300_000);

  afterAll(async () => {
    if (figures.length > 0) console.log(`ledger fault runs (LEDGER_TIMEOUT_MS=${LEDGER_TIMEOUT_MS}):\n${figures.join("\n")}`);
    await stack?.stop();
    await proxy?.close();
    await backend?.dispose();
  });

  it("serves everything while the database is up", async () => {
    expect((await consentsApi()).status).toBe(200);
    expect((await usersApi()).status).toBe(200);
    const account = await signedIn.http.get(new URL("/account/consents", stack.appUrl));
    expect(account.status).toBe(200);
    expect(account.text).toContain('data-testid="consents"');
  });

  describe.each(FAULTS)("with the database $what", ({ mode, what }) => {
    const acceptUser = newUser(`${mode}-accept`);
    const declineUser = newUser(`${mode}-decline`);
    let acceptLogin: TermsLogin;
    let declineLogin: TermsLogin;
    let acceptRetry: HttpResponse;
    let declineRetry: HttpResponse;

    beforeAll(async () => {
      [acceptLogin, declineLogin] = await Promise.all([signUpToTerms(stack, acceptUser), signUpToTerms(stack, declineUser)]);
      proxy.setMode(mode);
    });

    it("answers Accept and Decline with the retry page and Retry-After, signing nothing", async () => {
      const accept = await ms(() => answerTerms(acceptLogin, "accept"));
      const decline = await ms(() => answerTerms(declineLogin, "decline"));
      acceptRetry = accept.result;
      declineRetry = decline.result;
      expectRetryPage(acceptRetry, "/terms/accept");
      expectRetryPage(declineRetry, "/terms/decline");
      expect(acceptRetry.text).not.toContain("session_token");
      figures.push(`  ${what}: POST /terms/accept answered 503 in ${accept.ms} ms, /terms/decline in ${decline.ms} ms`);
    });

    it("answers the APIs with 503 and Retry-After", async () => {
      const consents = await ms(consentsApi);
      const users = await ms(usersApi);
      expect([consents.result.status, consents.result.headers.get("retry-after")]).toEqual([503, "5"]);
      expect([users.result.status, users.result.headers.get("retry-after")]).toEqual([503, "5"]);
      expect(await consents.result.json()).toMatchObject({ error: "temporarily_unavailable" });
      expect(await users.result.json()).toMatchObject({ error: "temporarily_unavailable" });
      figures.push(`  ${what}: /api/consents 503 in ${consents.ms} ms, /api/users/{email} 503 in ${users.ms} ms`);
    });

    it("says on /account/consents that the history cannot be shown now", async () => {
      const account = await ms(() => signedIn.http.get(new URL("/account/consents", stack.appUrl)));
      expect(account.result.status).toBe(200);
      expect(account.result.text).toContain("cannot be shown right now");
      figures.push(`  ${what}: /account/consents answered its message in ${account.ms} ms`);
    });

    it("once the database is back, the retried answers are recorded and both logins complete", async () => {
      proxy.setMode("forward");
      const accept = await ms(() => submitOnlyForm(acceptLogin, acceptRetry));
      await expectProductPage(acceptLogin, acceptUser.email, accept.result);
      accepted.add(acceptUser.email);
      const decline = await submitOnlyForm(declineLogin, declineRetry);
      const denied = await finishLogin(declineLogin, decline);
      expect(denied.url.pathname).toBe("/denied");
      expect(denied.text).toContain("You declined the terms of use");
      declined.add(declineUser.email);
      figures.push(`  ${what}, then restored: the retried Accept was recorded and signed in ${accept.ms} ms`);
    });
  });

  it("refuses a second, different answer to one login with the 409 page", async () => {
    const user = newUser("conflict");
    const login = await signUpToTerms(stack, user);
    const handOff = await answerTerms(login, "accept");
    expect(handOff.status).toBe(200);
    // The terms page kept open in another tab: its Decline is sent with the step cookie the accept cleared.
    const second = await answerTerms(login, "decline", login.cookie);
    expect(second.status, second.text.slice(0, 500)).toBe(409);
    expect(second.text).toContain("This sign-in was already answered");
    await expectProductPage(login, user.email, handOff);
    accepted.add(user.email);
  });

  it("holds one row per answered login: rows = acceptances, declines", async () => {
    expect(await rowsByDecision()).toEqual({ accepted: accepted.size, declined: declined.size });
    const { records } = (await (await fetch(`${stack.appUrl}/api/consents`, { headers: { authorization: `Bearer ${auditor}` } })).json()) as {
      records: unknown[];
    };
    expect(records).toHaveLength(accepted.size + declined.size);
  });

  // Last: it takes the ledger's table away, and gives it back before it ends.
  describe("a fault the app does not expect (its table gone)", () => {
    let client: Client;
    let browser: Browser;

    beforeAll(async () => {
      client = new Client({ connectionString: backend.url });
      await client.connect();
      await client.query("ALTER TABLE consent_records RENAME TO consent_records_away");
      browser = await launchChromium();
    });

    afterAll(async () => {
      await browser?.close();
      await client?.query("ALTER TABLE consent_records_away RENAME TO consent_records");
      await client?.end();
    });

    /** A browser signed in as `signedIn`, with or without JavaScript. */
    async function signedInContext(javaScriptEnabled: boolean): Promise<BrowserContext> {
      const context = await browser.newContext({ javaScriptEnabled });
      const cookies = signedIn.http.cookies.header(new URL(stack.appUrl)) ?? "";
      await context.addCookies(
        cookies.split("; ").map((pair) => {
          const at = pair.indexOf("=");
          return { name: pair.slice(0, at), value: pair.slice(at + 1), url: stack.appUrl };
        }),
      );
      return context;
    }

    /** The 500 view: its words and a reference, the reason (SQL, the error's text, a stack) only in the log. The tab keeps the page's title. */
    async function expectErrorView(page: Page): Promise<string> {
      const reference = (await page.getByTestId("error-reference").textContent()) ?? "";
      expect(reference).toMatch(/^[A-Z2-9]{4}-[A-Z2-9]{4}$/);
      await expect(page.locator("h1").textContent()).resolves.toBe("Something went wrong on our side");
      await expect(page.locator(".brand").textContent()).resolves.toBe("Product XYZ");
      expect(await page.locator("body").innerText()).not.toMatch(/consent_records|relation|does not exist|\.js:\d+/);
      expect(stack.appOutput()).toContain(`reference ${reference}`);
      return reference;
    }

    it("shows the 500 view drawn on the server: words and a reference, the reason only in the log", async () => {
      // Drawn in place of the page, so answered 200: Next sets a 500 only with an empty document (pageOrErrorView).
      const account = await signedIn.http.get(new URL("/account/consents", stack.appUrl));
      expect(account.status).toBe(200);
      expect(account.text).toContain('data-testid="error-reference"');
      expect(account.text).not.toMatch(/consent_records|does not exist/);

      const context = await signedInContext(true);
      try {
        const page = await context.newPage();
        await page.goto(`${stack.appUrl}/account/consents`);
        await expectErrorView(page);
        await expect(page.title()).resolves.toBe("Your answers to the terms · Product XYZ");
        expect(await checkAtBothWidths(page, "error-500")).toEqual([]);
        await page.getByRole("link", { name: "Try again" }).click();
        await page.waitForURL(`${stack.appUrl}/account/consents`);
        await expectErrorView(page);
      } finally {
        await context.close();
      }
    });

    it("shows the same view without JavaScript, on the history and on the product page", async () => {
      const context = await signedInContext(false);
      try {
        const page = await context.newPage();
        await page.goto(`${stack.appUrl}/account/consents`);
        const first = await expectErrorView(page);
        await expect(page.getByRole("link", { name: "Try again" }).getAttribute("href")).resolves.toBe("/account/consents");
        expect(await checkAtBothWidths(page, "error-500-no-javascript", { javaScriptOff: true })).toEqual([]);
        await page.goto(`${stack.appUrl}/`);
        await expect(expectErrorView(page)).resolves.not.toBe(first);
        await expect(page.locator("html").getAttribute("lang")).resolves.toBe("en");
      } finally {
        await context.close();
      }
    });
  });
});
