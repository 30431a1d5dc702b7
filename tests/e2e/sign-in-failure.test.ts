import type { Browser, Page, Route } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { newPage as openPage, newUser, signUp } from "./support/browser-login";
import { launchChromium } from "./support/chromium";
import { startStack, type Stack } from "./support/stack";

/**
 * A sign-in whose code exchange fails at the app's callback, against the production build and the real tenant: the
 * user is told the sign-in could not be completed and to try again, never that access was denied; trying again
 * signs them in.
 */
let stack: Stack;
let browser: Browser;

beforeAll(async () => {
  [stack, browser] = await Promise.all([startStack(), launchChromium()]);
});

afterAll(async () => {
  await browser?.close();
  await stack?.stop();
});

/** The SDK's `httpTimeout` for the code exchange is 5 s. */
const STALL_MS = 7_000;

/**
 * Signs a new user up and through the steps; `beforeCallback` runs when the browser is about to request the app's
 * callback, and must let the request go on. Ends where the callback sends the browser.
 */
async function signUpWithCallback(page: Page, beforeCallback: (route: Route) => Promise<void>): Promise<void> {
  await page.route(`${stack.appUrl}/auth/callback?*`, beforeCallback);
  await signUp(page, stack.appUrl, newUser("failed-exchange"));
  await page.waitForURL(`${stack.appUrl}/terms`);
  await page.getByLabel(/I have read and agree/).check();
  await page.getByRole("button", { name: "Accept" }).click();
  await page.waitForURL(`${stack.appUrl}/profile`);
  await page.getByLabel("Favourite colour").fill("blue");
  await page.getByRole("button", { name: "Continue" }).click();
  await page.waitForURL((url) => url.pathname !== "/profile" && url.pathname !== "/auth/callback" && url.origin === stack.appUrl, { timeout: 30_000 });
}

async function expectTryAgainPage(page: Page): Promise<void> {
  expect(new URL(page.url()).pathname).toBe("/sign-in-failed");
  await expect(page.getByRole("heading").textContent()).resolves.toBe("We could not complete your sign-in");
  const text = (await page.locator("main").textContent()) ?? "";
  expect(text).toContain("try again");
  expect(text).not.toMatch(/denied|declined|not allowed/i);
  // Trying again works: the tenant session and the answers already given bring the user straight to the product.
  await page.unrouteAll();
  await page.getByRole("link", { name: "Sign in again" }).click();
  await page.waitForURL(`${stack.appUrl}/`);
  await expect(page.getByTestId("user-email").isVisible()).resolves.toBe(true);
}

describe("a failed code exchange at /auth/callback", () => {
  it("when the tenant does not answer the token request within the SDK's timeout, asks the user to try again", async () => {
    const { context, page } = await openPage(browser);
    try {
      await signUpWithCallback(page, async (route) => {
        await route.continue();
        // The tenant runs in this process: blocking it stalls its token endpoint for real, as an overloaded tenant.
        Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, STALL_MS);
      });
      await expectTryAgainPage(page);
      expect(stack.appOutput()).toContain("sign-in not completed: authorization_code_grant_request_error");
    } finally {
      await context.close();
    }
  });

  it("when the tenant refuses the code (already used), asks the user to try again", async () => {
    const { context, page } = await openPage(browser);
    try {
      await signUpWithCallback(page, async (route) => {
        // Someone else spends the code first (a wrong PKCE verifier: refused, and the code is used up).
        const code = new URL(route.request().url()).searchParams.get("code") ?? "";
        const spent = await fetch(new URL("oauth/token", stack.tenant.issuer), {
          method: "POST",
          headers: { "content-type": "application/x-www-form-urlencoded" },
          body: new URLSearchParams({
            grant_type: "authorization_code",
            client_id: stack.env.AUTH0_CLIENT_ID ?? "",
            client_secret: stack.env.AUTH0_CLIENT_SECRET ?? "",
            code,
            code_verifier: "x".repeat(43),
            redirect_uri: `${stack.appUrl}/auth/callback`,
          }),
        });
        expect(spent.status).toBe(400);
        await route.continue();
      });
      await expectTryAgainPage(page);
      expect(stack.appOutput()).toContain("sign-in not completed: authorization_code_grant_error");
    } finally {
      await context.close();
    }
  });

  it("still explains a real denial on /denied", async () => {
    const { context, page } = await openPage(browser);
    try {
      await signUp(page, stack.appUrl, newUser("declines"));
      await page.waitForURL(`${stack.appUrl}/terms`);
      await page.getByRole("button", { name: "Decline" }).click();
      await page.waitForURL((url) => url.pathname === "/denied");
      await expect(page.getByRole("heading").textContent()).resolves.toBe("You declined the terms of use");
    } finally {
      await context.close();
    }
  });
});
