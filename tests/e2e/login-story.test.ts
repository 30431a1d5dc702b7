import { SignJWT } from "jose";
import type { BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditorToken } from "./support/auditor";
import { logIn as logInAt, newPage as openPage, newUser, signUp as signUpAt, type Credentials } from "./support/browser-login";
import { acceptTermsAndFinish } from "./support/login-steps";
import { useStackAndBrowser } from "./support/stack-and-browser";
import { userByEmail } from "./support/users";

/**
 * The whole login story in a real browser: the production build of the app, the local tenant configured by the
 * sync, the bundled terms Action. Each user is new, so the tests do not depend on one another's order except
 * where a story says so.
 */
const started = useStackAndBrowser({ termsVersion: 1 });

const newPage = (options: { javaScriptEnabled?: boolean } = {}) => openPage(started.browser, options);
const signUp = (page: Page, user: Credentials) => signUpAt(page, started.stack.appUrl, user);
const logIn = (page: Page, user: Credentials) => logInAt(page, started.stack.appUrl, user);

const acceptTerms = (page: Page) => acceptTermsAndFinish(page, started.stack.appUrl);

const userRecord = (email: string) => userByEmail(started.stack.tenant, email);

describe("the login story", () => {
  describe("a new user", () => {
    const user = newUser();
    let page: Page;
    let context: BrowserContext;

    beforeAll(async () => {
      ({ context, page } = await newPage());
    });
    afterAll(() => context.close());

    it("signs up and is asked to accept the current terms, the token gone from the address bar", async () => {
      await signUp(page, user);
      await page.waitForURL(`${started.stack.appUrl}/terms`);
      await expect(page.locator("h1").first().textContent()).resolves.toBe("Terms of Use — version 1");
    });

    it("cannot accept without ticking the box: the server refuses and says why", async () => {
      // The browser enforces `required`; remove it to show the server checks too.
      await page.locator('input[name="agree"]').evaluate((box) => box.removeAttribute("required"));
      await page.getByRole("button", { name: "Accept" }).click();
      await page.waitForURL(`${started.stack.appUrl}/terms?error=agreement_required`);
      await expect(page.locator("p.error").textContent()).resolves.toContain("tick the box");
    });

    it("accepts and lands on the product, which shows the user and the accepted version", async () => {
      await acceptTerms(page);
      await expect(page.getByTestId("user-email").textContent()).resolves.toBe(user.email);
      await expect(page.getByTestId("terms-version").textContent()).resolves.toMatch(/^Version 1, accepted on \d{1,2} \w+ \d{4} at \d\d:\d\d UTC$/);
      const record = await userRecord(user.email);
      expect(record.app_metadata.termsAcceptanceHistory).toEqual([{ version: 1, acceptedAt: expect.any(String), clientId: started.stack.env.AUTH0_CLIENT_ID }]);
      // The ledger holds the record the app wrote before it signed the answer; the auditor's API shows it.
      const ledger = await fetch(`${started.stack.appUrl}/api/consents?user=${encodeURIComponent(record.user_id)}`, {
        headers: { authorization: `Bearer ${await auditorToken(started.stack.tenant)}` },
      });
      expect(ledger.status).toBe(200);
      const { records } = (await ledger.json()) as { records: Array<Record<string, unknown>> };
      expect(records).toEqual([
        expect.objectContaining({
          user_id: record.user_id,
          terms_version: 1,
          decision: "accepted",
          client_id: started.stack.env.AUTH0_CLIENT_ID,
          terms_sha256: expect.stringMatching(/^[0-9a-f]{64}$/),
          user_agent: expect.stringContaining("Chrome"),
        }),
      ]);
    });

    it("logs out, logs in again, and is not asked again", async () => {
      await page.getByRole("link", { name: "Sign out" }).click();
      await page.waitForURL(`${started.stack.appUrl}/`);
      await expect(page.getByRole("link", { name: "Sign in" }).isVisible()).resolves.toBe(true);
      await logIn(page, user);
      await page.waitForURL(`${started.stack.appUrl}/`);
      await expect(page.getByTestId("terms-version").textContent()).resolves.toMatch(/^Version 1, accepted on \d{1,2} \w+ \d{4} at \d\d:\d\d UTC$/);
    });

    it("is asked again when a new terms version is published, and the history then holds both", async () => {
      await started.stack.publishTermsVersion(2);
      try {
        await page.getByRole("link", { name: "Sign out" }).click();
        await logIn(page, user);
        await page.waitForURL(`${started.stack.appUrl}/terms`);
        await expect(page.locator("h1").first().textContent()).resolves.toBe("Terms of Use — version 2");
        await acceptTerms(page);
        await expect(page.getByTestId("terms-version").textContent()).resolves.toMatch(/^Version 2, accepted on \d{1,2} \w+ \d{4} at \d\d:\d\d UTC$/);
        const history = (await userRecord(user.email)).app_metadata.termsAcceptanceHistory as Array<{ version: number }>;
        expect(history.map((entry) => entry.version)).toEqual([1, 2]);
      } finally {
        await started.stack.publishTermsVersion(1);
      }
    });
  });

  it("a user who declines sees the friendly page and has no session", async () => {
    const { context, page } = await newPage();
    try {
      await signUp(page, newUser());
      await page.waitForURL(`${started.stack.appUrl}/terms`);
      await page.getByRole("button", { name: "Decline" }).click();
      await page.waitForURL(/\/denied\?/);
      await expect(page.locator("h1").textContent()).resolves.toBe("You declined the terms of use");
      await page.goto(started.stack.appUrl);
      await expect(page.getByRole("link", { name: "Sign in" }).isVisible()).resolves.toBe(true);
      expect((await context.cookies(started.stack.appUrl)).map((cookie) => cookie.name)).not.toContain("__session");
    } finally {
      await context.close();
    }
  });

  it("the whole accept path works with JavaScript disabled", async () => {
    const { context, page } = await newPage({ javaScriptEnabled: false });
    try {
      const user = newUser();
      await signUp(page, user);
      await page.waitForURL(`${started.stack.appUrl}/terms`);
      await page.getByLabel(/I have read and agree/).check();
      await page.getByRole("button", { name: "Accept" }).click();
      // Without script the hand-off form waits for the user.
      await page.getByRole("button", { name: "Continue" }).click();
      await page.waitForURL(`${started.stack.appUrl}/profile`);
      await page.getByLabel("Favourite colour").fill("blue");
      await page.getByRole("button", { name: "Continue" }).click();
      await page.waitForURL(`${started.stack.appUrl}/profile/save`);
      await page.getByRole("button", { name: "Continue" }).click();
      await page.waitForURL(`${started.stack.appUrl}/`);
      await expect(page.getByTestId("user-email").textContent()).resolves.toBe(user.email);
      await expect(page.getByTestId("terms-version").textContent()).resolves.toMatch(/^Version 1, accepted on \d{1,2} \w+ \d{4} at \d\d:\d\d UTC$/);
    } finally {
      await context.close();
    }
  });

  describe("/continue refuses a bad answer with the precise reason", () => {
    const user = newUser();
    let context: BrowserContext;
    let page: Page;
    const continueUrl = () => `${started.stack.env.AUTH0_DOMAIN}/continue`;

    beforeAll(async () => {
      ({ context, page } = await newPage());
      await signUp(page, user);
      await page.waitForURL(`${started.stack.appUrl}/terms`);
      await page.getByRole("button", { name: "Decline" }).click();
      await page.waitForURL(/\/denied\?/);
    });
    afterAll(() => context.close());

    /** Starts a login that stops at the terms step; returns the `state` Auth0 gave the app. */
    async function reachTermsStep(): Promise<string> {
      const intake = page.waitForRequest(/\/terms\/start\?/);
      await page.goto(`${started.stack.appUrl}/auth/login`);
      const state = new URL((await intake).url()).searchParams.get("state");
      await page.waitForURL(`${started.stack.appUrl}/terms`);
      return state!;
    }

    function answer(claims: Record<string, unknown>, secret = started.stack.env.REDIRECT_TOKEN_SECRET!) {
      const now = Math.floor(Date.now() / 1000);
      return new SignJWT({ step: "terms", decision: "accepted", terms_version: 1, ...claims })
        .setProtectedHeader({ alg: "HS256", typ: "JWT" })
        .setSubject(String(claims.sub))
        .setIssuer(started.stack.appUrl)
        .setIssuedAt(Number(claims.iat ?? now))
        .setExpirationTime(Number(claims.exp ?? now + 60))
        .sign(new TextEncoder().encode(secret));
    }

    /** Posts fields to /continue the way the app's hand-off form does, from a page of the browser. */
    async function postToContinue(fields: Record<string, string>) {
      const inputs = Object.entries(fields)
        .map(([name, value]) => `<input type="hidden" name="${name}" value="${value}">`)
        .join("");
      // A blank page of its own: the terms page's CSP (form-action 'self') would block a form posting elsewhere.
      await page.goto("about:blank");
      await page.setContent(`<form method="post" action="${continueUrl()}">${inputs}</form>`);
      await page.locator("form").evaluate((form: HTMLFormElement) => form.submit());
      await page.waitForLoadState();
    }

    const userId = async () => (await userByEmail(started.stack.tenant, user.email)).user_id;

    it.each([
      ["forged (signed with another secret)", { secret: "another-secret-that-is-32-bytes-long!!" }, "Failed signature validation"],
      ["expired", { exp: Math.floor(Date.now() / 1000) - 10, iat: Math.floor(Date.now() / 1000) - 100 }, "Token has expired."],
      ["state-swapped (made for another login)", { state: "state-of-another-login" }, "State in the token does not match the /continue state."],
    ])("%s", async (_name, variant, reason) => {
      const state = await reachTermsStep();
      const { secret, ...claims } = variant as { secret?: string } & Record<string, unknown>;
      const token = await answer({ sub: await userId(), state, ...claims }, secret);
      await postToContinue({ state, session_token: token });
      await page.waitForURL(/\/denied\?/);
      // The tenant's precise reason reaches the app's URL; the page shows only our own words, never the address's.
      expect(new URL(page.url()).searchParams.get("reason")).toContain(`The session token is invalid: ${reason}`);
      await expect(page.locator("main").textContent()).resolves.not.toContain(reason);
    });

    it("replayed (an answer already used)", async () => {
      const state = await reachTermsStep();
      const posted = page.waitForRequest((request) => request.url() === continueUrl() && request.method() === "POST");
      await page.getByRole("button", { name: "Decline" }).click();
      const fields = Object.fromEntries(new URLSearchParams((await posted).postData() ?? ""));
      expect(fields.state).toBe(state);
      await page.waitForURL(/\/denied\?/);
      await postToContinue(fields);
      // The tenant's own error page, not a redirect to the app: the login it belonged to is over.
      await page.getByText(/already (been )?used/).first().waitFor();
      expect(page.url().startsWith(continueUrl())).toBe(true);
    });
  });
});
