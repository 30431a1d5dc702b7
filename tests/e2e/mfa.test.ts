import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { totpCode } from "../../auth0-tenant/local/mfa/totp";
import { PLACES, logInFrom } from "../support/geoip";
import { wrongTotpCode } from "../support/totp-challenge";
import { logIn, newPage as openPage, newUser, signUp, type Credentials } from "./support/browser-login";
import { useStackAndBrowser } from "./support/stack-and-browser";

/**
 * The MFA policy in a real browser: the mfa-policy Action as the sync deploys and binds it, against the production
 * build and the local tenant's one-time code page.
 */
const started = useStackAndBrowser();

const newPage = (options: { javaScriptEnabled?: boolean } = {}) => openPage(started.browser, options);

const mfaPage = () => new RegExp(`^${started.stack.env.AUTH0_DOMAIN}/u/mfa-otp\\?`);

/** Signs up, accepts the terms (a new user's first step), and answers the profile step. */
async function signUpThroughSteps(page: Page, user: Credentials) {
  await signUp(page, started.stack.appUrl, user);
  await page.waitForURL(`${started.stack.appUrl}/terms`);
  await page.getByLabel(/I have read and agree/).check();
  await page.getByRole("button", { name: "Accept" }).click();
  await page.waitForURL(`${started.stack.appUrl}/profile`);
  await page.getByLabel("Favourite colour").fill("Sea Green");
  await page.getByRole("button", { name: "Continue" }).click();
}

async function enterCode(page: Page, code: string) {
  await page.locator("#code").fill(code);
  await page.getByRole("button", { name: "Continue" }).click();
}

describe("the MFA policy", () => {
  const user = newUser("mfa");
  let secret = "";

  it("challenges a login from France: the new user enrolls, a wrong code is refused, the right one lands on the product", async () => {
    await logInFrom(started.stack.tenant.issuer, PLACES.paris);
    const { context, page } = await newPage();
    try {
      await signUpThroughSteps(page, user);
      await page.waitForURL(mfaPage());
      await expect(page.locator("h1").textContent()).resolves.toBe("Set up two-step verification");
      secret = ((await page.locator("#totp-secret").textContent()) ?? "").replace(/\s/g, "");
      expect(secret).toMatch(/^[A-Z2-7]{32}$/);

      await enterCode(page, wrongTotpCode(secret, Date.now()));
      await page.waitForURL(mfaPage());
      await expect(page.locator("#error-message").textContent()).resolves.toBe("Wrong code. 4 attempts left.");

      await enterCode(page, totpCode(secret, Date.now()));
      await page.waitForURL(`${started.stack.appUrl}/`);
      await expect(page.getByTestId("user-email").textContent()).resolves.toBe(user.email);
    } finally {
      await context.close();
    }
  });

  it("asks the enrolled user for a code at the next login from France, without the key, and without JavaScript", async () => {
    expect(secret).not.toBe("");
    const { context, page } = await newPage({ javaScriptEnabled: false });
    try {
      await logIn(page, started.stack.appUrl, user);
      await page.waitForURL(mfaPage());
      await expect(page.locator("h1").textContent()).resolves.toBe("Verify your identity");
      await expect(page.locator("#totp-secret").count()).resolves.toBe(0);
      // The enrollment code is spent; the next step's is accepted (one step of drift either way).
      await enterCode(page, totpCode(secret, Date.now() + 30_000));
      await page.waitForURL(`${started.stack.appUrl}/`);
      await expect(page.getByTestId("user-email").textContent()).resolves.toBe(user.email);
    } finally {
      await context.close();
    }
  });

  it("does not challenge a login from the United States", async () => {
    await logInFrom(started.stack.tenant.issuer, PLACES.newYork);
    const { context, page } = await newPage();
    const challenged: string[] = [];
    page.on("request", (request) => {
      if (mfaPage().test(request.url())) challenged.push(request.url());
    });
    try {
      const other = newUser("mfa");
      await signUpThroughSteps(page, other);
      await page.waitForURL(`${started.stack.appUrl}/`);
      await expect(page.getByTestId("user-email").textContent()).resolves.toBe(other.email);
      expect(challenged).toEqual([]);
    } finally {
      await context.close();
    }
  });
});
