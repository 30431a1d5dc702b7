import { SignJWT } from "jose";
import type { BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { logIn, newUser, signUp } from "./support/browser-login";
import { checkAtBothWidths, checkAtNarrowestWidth, WIDTHS } from "./support/page-checks";
import { useStackAndBrowser } from "./support/stack-and-browser";

/**
 * The sign-in's pages as a user sees them, in Chromium against the production build: one look from the tenant's
 * login to the product, context on the terms page, the whole text of the terms visible, errors in the user's words,
 * at 1280 and 390 px, with and without JavaScript. Screenshots go to test-results/screens/.
 */
const started = useStackAndBrowser({ termsVersion: 1 });

async function open(options: { javaScriptEnabled?: boolean; locale?: string } = {}): Promise<{ context: BrowserContext; page: Page; favicons: string[] }> {
  const context = await started.browser.newContext({ ...options, viewport: WIDTHS.desktop });
  const page = await context.newPage();
  const favicons: string[] = [];
  page.on("request", (request) => {
    if (new URL(request.url()).pathname === "/favicon.ico") favicons.push(request.url());
  });
  return { context, page, favicons };
}

const title = (page: Page) => page.title();

describe("the sign-in's pages", () => {
  describe("a new user with JavaScript", () => {
    let context: BrowserContext;
    let page: Page;
    let favicons: string[];
    const user = newUser("look");

    beforeAll(async () => {
      ({ context, page, favicons } = await open());
    });
    afterAll(() => context.close());

    it("logs in on the tenant's page in the product's look", async () => {
      await page.goto(`${started.stack.appUrl}/auth/login`);
      await page.locator("#username").waitFor();
      await expect(title(page)).resolves.toBe("Log in · Product XYZ");
      await expect(page.locator(".brand").textContent()).resolves.toBe("Product XYZ");
      expect(await checkAtBothWidths(page, "tenant-login")).toEqual([]);
      expect(await checkAtNarrowestWidth(page, "tenant-login")).toEqual([]);
    });

    it("sees on the terms page the product, why it is asked, its step, and the whole text", async () => {
      await signUp(page, started.stack.appUrl, user);
      await page.waitForURL(`${started.stack.appUrl}/terms`);
      await expect(title(page)).resolves.toBe("Terms of use · Product XYZ");
      await expect(page.getByTestId("step-position").textContent()).resolves.toBe("Step 1 of 2");
      await expect(page.getByTestId("terms-reason").textContent()).resolves.toContain("Before you use Product XYZ for the first time");
      // Nothing of the text is hidden in a box that scrolls: the article is as tall as its content.
      const terms = await page.locator("article.terms").evaluate((article) => ({
        hidden: article.scrollHeight - article.clientHeight,
        overflow: getComputedStyle(article).overflowY,
      }));
      expect(terms).toEqual({ hidden: 0, overflow: "visible" });
      await expect(page.getByText("Decline ends this sign-in").isVisible()).resolves.toBe(true);
      expect(await checkAtBothWidths(page, "terms")).toEqual([]);
      expect(await checkAtNarrowestWidth(page, "terms")).toEqual([]);
    });

    it("after an Accept without the tick, sees the server's message beside the box, which is marked invalid", async () => {
      await page.locator('input[name="agree"]').evaluate((box) => box.removeAttribute("required"));
      await page.getByRole("button", { name: "Accept" }).click();
      await page.waitForURL(`${started.stack.appUrl}/terms?error=agreement_required`);
      const box = page.getByLabel(/I have read and agree/);
      await expect(box.getAttribute("aria-invalid")).resolves.toBe("true");
      await expect(box.evaluate((input) => input.getBoundingClientRect().width)).resolves.toBeGreaterThanOrEqual(20);
      await expect(page.locator("#agree-error").textContent()).resolves.toContain("tick the box");
      expect(await checkAtBothWidths(page, "terms-refused")).toEqual([]);
    });

    it("accepts, and the profile step says it is step 2 of 2, its input styled as the login's", async () => {
      await page.getByLabel(/I have read and agree/).check();
      await page.getByRole("button", { name: "Accept" }).click();
      await page.waitForURL(`${started.stack.appUrl}/profile`);
      await expect(title(page)).resolves.toBe("Complete your profile · Product XYZ");
      await expect(page.getByTestId("step-position").textContent()).resolves.toBe("Step 2 of 2");
      const input = page.getByLabel("Favourite colour");
      await expect(input.evaluate((field) => getComputedStyle(field).borderRadius)).resolves.toBe("6px");
      expect(await checkAtBothWidths(page, "profile")).toEqual([]);
      await input.fill("42");
      await page.getByRole("button", { name: "Continue" }).click();
      await page.getByTestId("favorite_color-error").waitFor();
      await expect(page.getByLabel("Favourite colour").getAttribute("aria-invalid")).resolves.toBe("true");
      expect(await checkAtBothWidths(page, "profile-refused")).toEqual([]);
      await page.getByLabel("Favourite colour").fill("sea green");
      await page.getByRole("button", { name: "Continue" }).click();
      await page.waitForURL(`${started.stack.appUrl}/`);
      expect(favicons).toEqual([]);
    });

    it("returning after a new version, reads that the terms were updated since the version accepted", async () => {
      await started.stack.publishTermsVersion(2);
      await page.getByRole("link", { name: "Sign out" }).click();
      await logIn(page, started.stack.appUrl, user);
      await page.waitForURL(`${started.stack.appUrl}/terms`);
      await expect(page.getByTestId("terms-reason").textContent()).resolves.toContain("We updated our terms of use. You accepted version 1;");
      // Only the terms are due this time (the profile is complete): no "Step 1 of 1".
      await expect(page.getByTestId("step-position").count()).resolves.toBe(0);
      expect(await checkAtBothWidths(page, "terms-updated")).toEqual([]);
    });
  });

  describe("without JavaScript, the hand-off says what to do for each answer", () => {
    it("after Accept: press Continue, no words that it moves on by itself", async () => {
      const { context, page } = await open({ javaScriptEnabled: false });
      try {
        await signUp(page, started.stack.appUrl, newUser("nojs-accept"));
        await page.waitForURL(`${started.stack.appUrl}/terms`);
        await page.getByLabel(/I have read and agree/).check();
        await page.getByRole("button", { name: "Accept" }).click();
        await page.waitForURL(`${started.stack.appUrl}/terms/accept`);
        await expect(title(page)).resolves.toBe("Thank you: your acceptance is recorded · Product XYZ");
        await expect(page.getByText("Press Continue to go on signing in to Product XYZ.").isVisible()).resolves.toBe(true);
        await expect(page.locator(".with-script").isVisible()).resolves.toBe(false);
        expect(await checkAtBothWidths(page, "hand-off-accepted-no-js", { javaScriptOff: true })).toEqual([]);
      } finally {
        await context.close();
      }
    });

    it("after Decline: says the user will not be signed in, then ends on /denied", async () => {
      const { context, page } = await open({ javaScriptEnabled: false });
      try {
        await signUp(page, started.stack.appUrl, newUser("nojs-decline"));
        await page.waitForURL(`${started.stack.appUrl}/terms`);
        await page.getByRole("button", { name: "Decline" }).click();
        await page.waitForURL(`${started.stack.appUrl}/terms/decline`);
        await expect(page.getByText("you will not be signed in to Product XYZ. Press Continue to end this sign-in.").isVisible()).resolves.toBe(true);
        expect(await checkAtBothWidths(page, "hand-off-declined-no-js", { javaScriptOff: true })).toEqual([]);
        await page.getByRole("button", { name: "Continue" }).click();
        await page.waitForURL(/\/denied\?/);
        await expect(title(page)).resolves.toBe("Sign-in not completed · Product XYZ");
        await expect(page.locator(".brand").textContent()).resolves.toBe("Product XYZ");
        expect(await checkAtBothWidths(page, "denied-no-js", { javaScriptOff: true })).toEqual([]);
      } finally {
        await context.close();
      }
    });
  });

  describe("errors", () => {
    let context: BrowserContext;
    let page: Page;

    beforeAll(async () => {
      ({ context, page } = await open());
    });
    afterAll(() => context.close());

    it("a malformed sign-in link: the user's words and a reference; the reason only in the log, under it", async () => {
      await page.goto(`${started.stack.appUrl}/terms/start?state=some-state&session_token=not-a-token`);
      await expect(page.locator("h1").textContent()).resolves.toBe("This sign-in link does not work");
      await expect(title(page)).resolves.toBe("This sign-in link does not work · Product XYZ");
      const reference = await page.getByTestId("error-reference").textContent();
      expect(reference).toMatch(/^[A-Z2-9]{4}-[A-Z2-9]{4}$/);
      const text = (await page.locator("main").textContent()) ?? "";
      expect(text).not.toContain("session_token");
      expect(text).not.toContain("JWT");
      expect(started.stack.appOutput()).toContain(`reference ${reference}: This sign-in link does not work: The session_token is not a well-formed signed JWT.`);
      expect(await checkAtBothWidths(page, "error-link-not-valid")).toEqual([]);
    });

    it("an expired sign-in link says so, and to sign in again", async () => {
      const now = Math.floor(Date.now() / 1000);
      const expired = await new SignJWT({ step: "terms", terms_version: 2, client_id: "app", login_id: "login-0123456789abcdef" })
        .setProtectedHeader({ alg: "HS256", typ: "JWT" })
        .setIssuer(new URL(started.stack.env.AUTH0_DOMAIN!).host)
        .setSubject("auth0|someone")
        .setIssuedAt(now - 600)
        .setExpirationTime(now - 300)
        .sign(new TextEncoder().encode(started.stack.env.REDIRECT_TOKEN_SECRET));
      await page.goto(`${started.stack.appUrl}/terms/start?state=some-state&session_token=${expired}`);
      await expect(page.locator("h1").textContent()).resolves.toBe("This sign-in link has expired");
      await expect(page.getByRole("link", { name: "Sign in again" }).isVisible()).resolves.toBe(true);
    });

    it("an address the app does not serve: a 404 in the product's look", async () => {
      const response = await page.goto(`${started.stack.appUrl}/no-such-page`);
      expect(response?.status()).toBe(404);
      await expect(page.locator("h1").textContent()).resolves.toBe("Page not found");
      await expect(title(page)).resolves.toBe("Page not found · Product XYZ");
      await expect(page.locator("html").getAttribute("lang")).resolves.toBe("en");
      await expect(page.locator("link[rel=icon]").first().getAttribute("href")).resolves.toMatch(/^data:image\/svg\+xml,/);
      expect(await checkAtBothWidths(page, "not-found")).toEqual([]);
    });

    it("a declined sign-in's page, in the same look", async () => {
      await page.goto(`${started.stack.appUrl}/denied?reason=terms_declined`);
      await expect(page.locator("h1").textContent()).resolves.toBe("You declined the terms of use");
      expect(await checkAtBothWidths(page, "denied")).toEqual([]);
    });

    it("a sign-in that failed on the way, in the same look", async () => {
      await page.goto(`${started.stack.appUrl}/sign-in-failed`);
      await expect(title(page)).resolves.toBe("Sign-in not completed · Product XYZ");
      await expect(page.locator("html").getAttribute("lang")).resolves.toBe("en");
      expect(await checkAtBothWidths(page, "sign-in-failed")).toEqual([]);
    });
  });

  describe("a reader whose browser asks for French", () => {
    let context: BrowserContext;
    let page: Page;

    beforeAll(async () => {
      // Chromium's Accept-Language follows the context's locale: "fr-FR,fr;q=0.9".
      ({ context, page } = await open({ locale: "fr-FR" }));
    });
    afterAll(() => context.close());

    it("reads the 404 in French, in a French document", async () => {
      const response = await page.goto(`${started.stack.appUrl}/no-such-page`);
      expect(response?.status()).toBe(404);
      await expect(page.locator("html").getAttribute("lang")).resolves.toBe("fr");
      await expect(page.locator("h1").textContent()).resolves.toBe("Page introuvable");
      await expect(title(page)).resolves.toBe("Page introuvable · Product XYZ");
      await expect(page.getByRole("link", { name: "Aller à Product XYZ" }).isVisible()).resolves.toBe(true);
      expect(await checkAtBothWidths(page, "not-found-french")).toEqual([]);
    });

    it("reads a failed sign-in in French, or in the language its link asks for", async () => {
      await page.goto(`${started.stack.appUrl}/sign-in-failed`);
      await expect(page.locator("html").getAttribute("lang")).resolves.toBe("fr");
      await expect(page.locator("h1").textContent()).resolves.toBe("Nous n'avons pas pu terminer votre connexion");
      await expect(title(page)).resolves.toBe("Connexion non aboutie · Product XYZ");
      await expect(page.getByTestId("sign-in-again").textContent()).resolves.toBe("Se reconnecter");
      expect(await checkAtBothWidths(page, "sign-in-failed-french")).toEqual([]);

      await page.goto(`${started.stack.appUrl}/sign-in-failed?lang=en`);
      await expect(page.locator("html").getAttribute("lang")).resolves.toBe("en");
      await expect(page.locator("h1").textContent()).resolves.toBe("We could not complete your sign-in");
    });

    it("keeps the pages written in English only in an English document", async () => {
      await page.goto(`${started.stack.appUrl}/`);
      await expect(page.locator("html").getAttribute("lang")).resolves.toBe("en");
      await expect(page.locator("h1").textContent()).resolves.toBe("Product XYZ");
    });
  });
});
