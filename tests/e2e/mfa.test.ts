import path from "node:path";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { bundleAction } from "../../auth0-tenant/bundle-actions";
import { totpCode } from "../../auth0-tenant/local/mfa/totp";
import { mfaPolicySecret } from "../../auth0-tenant/mfa-policy";
import { PLACES, logInFrom } from "../support/geoip";
import { bindPostLoginAfter } from "../support/post-login-bindings";
import { wrongTotpCode } from "../support/totp-challenge";
import { launchChromium } from "./support/chromium";
import { startStack, type Stack } from "./support/stack";

/**
 * The MFA policy in a real browser: the bundled mfa-policy Action with the policy the sync will give it, bound
 * right after the access policy, against the production build and the local tenant's one-time code page.
 */
let stack: Stack;
let browser: Browser;

beforeAll(async () => {
  [stack, browser] = await Promise.all([startStack(), launchChromium()]);
  const code = await bundleAction(path.join(process.cwd(), "actions", "mfa-policy.ts"));
  const actionId = await stack.tenant.management.deployAction("mfa-policy", code, [{ name: "MFA_POLICY", value: mfaPolicySecret() }]);
  await bindPostLoginAfter(stack.tenant.management, actionId, "access-policy");
});

afterAll(async () => {
  await browser?.close();
  await stack?.stop();
});

const PASSWORD = "correct-horse-battery";
let userCount = 0;
const newEmail = () => `mfa${(userCount += 1)}-${Date.now()}@example.com`;

async function newPage(options: { javaScriptEnabled?: boolean } = {}): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext(options);
  return { context, page: await context.newPage() };
}

const mfaPage = () => new RegExp(`^${stack.env.AUTH0_DOMAIN}/u/mfa-otp\\?`);

/** Signs up, accepts the terms (a new user's first step), and answers a profile step if one is bound. */
async function signUpThroughSteps(page: Page, email: string) {
  await page.goto(stack.appUrl);
  await page.getByRole("link", { name: "Sign in" }).click();
  await page.getByRole("link", { name: "Sign up" }).click();
  await page.locator("#email").fill(email);
  await page.locator("#password").fill(PASSWORD);
  await page.getByRole("button", { name: "Continue" }).click();
  await page.waitForURL(`${stack.appUrl}/terms`);
  await page.getByLabel(/I have read and agree/).check();
  await page.getByRole("button", { name: "Accept" }).click();
  await page.waitForURL((url) => !url.pathname.startsWith("/terms"));
  if (page.url() === `${stack.appUrl}/profile`) {
    await page.getByLabel("Favourite colour").fill("Sea Green");
    await page.getByRole("button", { name: "Continue" }).click();
    await page.waitForURL((url) => url.pathname !== "/profile");
  }
}

async function enterCode(page: Page, code: string) {
  await page.locator("#code").fill(code);
  await page.getByRole("button", { name: "Continue" }).click();
}

describe("the MFA policy", () => {
  const email = newEmail();
  let secret = "";

  it("challenges a login from France: the new user enrolls, a wrong code is refused, the right one lands on the product", async () => {
    await logInFrom(stack.tenant.issuer, PLACES.paris);
    const { context, page } = await newPage();
    try {
      await signUpThroughSteps(page, email);
      await page.waitForURL(mfaPage());
      await expect(page.locator("h1").textContent()).resolves.toBe("Set up two-step verification");
      secret = ((await page.locator("#totp-secret").textContent()) ?? "").replace(/\s/g, "");
      expect(secret).toMatch(/^[A-Z2-7]{32}$/);

      await enterCode(page, wrongTotpCode(secret, Date.now()));
      await page.waitForURL(mfaPage());
      await expect(page.locator("#error-message").textContent()).resolves.toBe("Wrong code. 4 attempts left.");

      await enterCode(page, totpCode(secret, Date.now()));
      await page.waitForURL(`${stack.appUrl}/`);
      await expect(page.getByTestId("user-email").textContent()).resolves.toBe(email);
    } finally {
      await context.close();
    }
  });

  it("asks the enrolled user for a code at the next login from France, without the key, and without JavaScript", async () => {
    expect(secret).not.toBe("");
    const { context, page } = await newPage({ javaScriptEnabled: false });
    try {
      await page.goto(stack.appUrl);
      await page.getByRole("link", { name: "Sign in" }).click();
      await page.locator("#username").fill(email);
      await page.locator("#password").fill(PASSWORD);
      await page.getByRole("button", { name: "Continue" }).click();
      await page.waitForURL(mfaPage());
      await expect(page.locator("h1").textContent()).resolves.toBe("Verify your identity");
      await expect(page.locator("#totp-secret").count()).resolves.toBe(0);
      // The enrollment code is spent; the next step's is accepted (one step of drift either way).
      await enterCode(page, totpCode(secret, Date.now() + 30_000));
      await page.waitForURL(`${stack.appUrl}/`);
      await expect(page.getByTestId("user-email").textContent()).resolves.toBe(email);
    } finally {
      await context.close();
    }
  });

  it("does not challenge a login from the United States", async () => {
    await logInFrom(stack.tenant.issuer, PLACES.newYork);
    const { context, page } = await newPage();
    const challenged: string[] = [];
    page.on("request", (request) => {
      if (mfaPage().test(request.url())) challenged.push(request.url());
    });
    try {
      const otherEmail = newEmail();
      await signUpThroughSteps(page, otherEmail);
      await page.waitForURL(`${stack.appUrl}/`);
      await expect(page.getByTestId("user-email").textContent()).resolves.toBe(otherEmail);
      expect(challenged).toEqual([]);
    } finally {
      await context.close();
    }
  });
});
