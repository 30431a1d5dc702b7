import type { BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { logIn, newUser, signUp } from "./support/browser-login";
import { useStackAndBrowser } from "./support/stack-and-browser";
import { userByEmail } from "./support/users";

/** The profile step, alone and after the terms step, in a real browser against the production build. */
const started = useStackAndBrowser();

const userMetadata = (email: string) => userByEmail(started.stack.tenant, email);

describe("login steps", () => {
  let context: BrowserContext;
  let page: Page;
  const user = newUser("steps");

  beforeAll(async () => {
    context = await started.browser.newContext();
    page = await context.newPage();
  });
  afterAll(() => context.close());

  it("a new user owes both steps and does them in the configured order: terms, then profile", async () => {
    await signUp(page, started.stack.appUrl, user);
    await page.waitForURL(`${started.stack.appUrl}/terms`);
    await page.getByLabel(/I have read and agree/).check();
    await page.getByRole("button", { name: "Accept" }).click();
    await page.waitForURL(`${started.stack.appUrl}/profile`);
    await expect(page.locator("h1").textContent()).resolves.toBe("Complete your profile");
  });

  it("a bad value is refused with the field's message, and what was typed is kept", async () => {
    await page.getByLabel("Favourite colour").fill("#00ff00");
    await page.getByRole("button", { name: "Continue" }).click();
    await page.waitForURL(`${started.stack.appUrl}/profile`);
    await expect(page.getByTestId("favorite_color-error").textContent()).resolves.toContain("Enter a colour name in letters");
    await expect(page.getByLabel("Favourite colour").inputValue()).resolves.toBe("#00ff00");
  });

  it("a good value lands in user_metadata and on the product page", async () => {
    await page.getByLabel("Favourite colour").fill("Sea Green");
    await page.getByRole("button", { name: "Continue" }).click();
    await page.waitForURL(`${started.stack.appUrl}/`);
    await expect(page.getByTestId("terms-version").textContent()).resolves.toMatch(/^Version \d+, accepted on \d{1,2} \w+ \d{4} at \d\d:\d\d UTC$/);
    await expect(page.getByTestId("profile").textContent()).resolves.toContain("sea green");
    expect((await userMetadata(user.email)).user_metadata).toMatchObject({ favorite_color: "sea green" });
  });

  it("a user who already accepted the terms but lacks the field is asked for the field only", async () => {
    await page.getByRole("link", { name: "Sign out" }).click();
    const { user_id } = await userMetadata(user.email);
    await started.stack.tenant.management.expect(200, "PATCH", `users/${encodeURIComponent(user_id)}`, { user_metadata: { favorite_color: null } });
    await logIn(page, started.stack.appUrl, user);
    await page.waitForURL(`${started.stack.appUrl}/profile`);
    await page.getByLabel("Favourite colour").fill("blue");
    await page.getByRole("button", { name: "Continue" }).click();
    await page.waitForURL(`${started.stack.appUrl}/`);
    await expect(page.getByTestId("profile").textContent()).resolves.toContain("blue");
  });
});
