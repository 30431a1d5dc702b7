import type { Page, Route } from "playwright-core";
import { describe, expect, it } from "vitest";
import { newPage as openPage, newUser, signUp } from "./support/browser-login";
import { useStackAndBrowser } from "./support/stack-and-browser";

/**
 * A sign-in whose code exchange fails at the app's callback, against the production build and the real tenant (the
 * code refused; a timed-out exchange takes the same branch of `onCallback`: `lib/callback-failure.test.ts` with the
 * SDK's error, and `npm run load` under load): the user is told the sign-in could not be completed and to try again, never that access was denied; trying again
 * signs them in.
 */
const started = useStackAndBrowser();

/**
 * Signs a new user up and through the steps; `atCallback` gets the code when the tenant's last `/continue` sends
 * the browser to the app's callback, before the browser follows. (A redirect's target cannot be intercepted, so
 * the `/continue` that answers with it is.) Ends where the callback sends the browser.
 */
async function signUpWithCode(page: Page, atCallback: (code: string) => Promise<void>): Promise<void> {
  await page.route(new URL("continue", started.stack.tenant.issuer).href, async (route: Route) => {
    const response = await route.fetch({ maxRedirects: 0 });
    const location = new URL(response.headers().location ?? "/", started.stack.tenant.issuer);
    if (location.origin === started.stack.appUrl && location.pathname === "/auth/callback") await atCallback(location.searchParams.get("code") ?? "");
    await route.fulfill({ response });
  });
  await signUp(page, started.stack.appUrl, newUser("failed-exchange"));
  await page.waitForURL(`${started.stack.appUrl}/terms`);
  await page.getByLabel(/I have read and agree/).check();
  await page.getByRole("button", { name: "Accept" }).click();
  await page.waitForURL(`${started.stack.appUrl}/profile`);
  await page.getByLabel("Favourite colour").fill("blue");
  await page.getByRole("button", { name: "Continue" }).click();
  // Past the hand-off page (`/profile/save`) and the callback: wherever the callback sends the browser.
  await page.waitForURL((url) => url.origin === started.stack.appUrl && ["/", "/denied", "/sign-in-failed"].includes(url.pathname), { timeout: 30_000 });
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
  await page.waitForURL(`${started.stack.appUrl}/`);
  await expect(page.getByTestId("user-email").isVisible()).resolves.toBe(true);
}

describe("a failed code exchange at /auth/callback", () => {
  it("when the tenant refuses the code (already used), asks the user to try again", async () => {
    const { context, page } = await openPage(started.browser);
    try {
      await signUpWithCode(page, async (code) => {
        // Someone else spends the code first (a wrong PKCE verifier: refused, and the code is used up).
        const spent = await fetch(new URL("oauth/token", started.stack.tenant.issuer), {
          method: "POST",
          headers: { "content-type": "application/x-www-form-urlencoded" },
          body: new URLSearchParams({
            grant_type: "authorization_code",
            client_id: started.stack.env.AUTH0_CLIENT_ID ?? "",
            client_secret: started.stack.env.AUTH0_CLIENT_SECRET ?? "",
            code,
            code_verifier: "x".repeat(43),
            redirect_uri: `${started.stack.appUrl}/auth/callback`,
          }),
        });
        // Auth0's answer to a wrong verifier: 403 invalid_grant "Failed to verify code verifier".
        expect(spent.status).toBe(403);
      });
      await expectTryAgainPage(page);
      expect(started.stack.appOutput()).toContain("sign-in not completed: authorization_code_grant_error");
    } finally {
      await context.close();
    }
  });

  it("still explains a real denial on /denied", async () => {
    const { context, page } = await openPage(started.browser);
    try {
      await signUp(page, started.stack.appUrl, newUser("declines"));
      await page.waitForURL(`${started.stack.appUrl}/terms`);
      await page.getByRole("button", { name: "Decline" }).click();
      await page.waitForURL((url) => url.pathname === "/denied");
      await expect(page.getByRole("heading").textContent()).resolves.toBe("You declined the terms of use");
    } finally {
      await context.close();
    }
  });
});
