import type { Browser, BrowserContext, Page } from "playwright-core";

export interface Credentials {
  email: string;
  password: string;
}

const PASSWORD = "correct-horse-battery";
let count = 0;

/** A user nobody has signed up yet. */
export function newUser(prefix = "user"): Credentials {
  count += 1;
  return { email: `${prefix}${count}-${Date.now()}@example.com`, password: PASSWORD };
}

/** A page in a context of its own (its own cookies), to close with the context. */
export async function newPage(browser: Browser, options: { javaScriptEnabled?: boolean } = {}): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext(options);
  return { context, page: await context.newPage() };
}

/** From the product page, through the tenant's sign-up form; ends wherever the login's steps send the browser. */
export async function signUp(page: Page, appUrl: string, user: Credentials): Promise<void> {
  await page.goto(appUrl);
  await page.getByRole("link", { name: "Sign in" }).click();
  await page.getByRole("link", { name: "Sign up" }).click();
  await page.locator("#email").fill(user.email);
  await page.locator("#password").fill(user.password);
  await page.getByRole("button", { name: "Continue" }).click();
}

/** From the product page, through the tenant's login form. */
export async function logIn(page: Page, appUrl: string, user: Credentials): Promise<void> {
  await page.goto(appUrl);
  await page.getByRole("link", { name: "Sign in" }).click();
  await page.locator("#username").fill(user.email);
  await page.locator("#password").fill(user.password);
  await page.getByRole("button", { name: "Continue" }).click();
}
