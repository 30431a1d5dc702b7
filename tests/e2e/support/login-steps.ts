import type { Page } from "playwright-core";

/** Completes the profile step when the login asks for it (a new user owes it after the terms); ends on the product page. */
export async function completeProfileIfAsked(page: Page, appUrl: string, colour = "blue"): Promise<void> {
  await page.waitForURL((url) => url.origin === appUrl && (url.pathname === "/" || url.pathname === "/profile"));
  if (new URL(page.url()).pathname !== "/profile") return;
  // In the language the login asked for: English, or French.
  await page.getByLabel(/^(Favourite colour|Couleur préférée)$/).fill(colour);
  await page.getByRole("button", { name: "Continue" }).click();
  await page.waitForURL(`${appUrl}/`);
}

/** On the terms page: ticks the box, accepts, and finishes the login's remaining steps. */
export async function acceptTermsAndFinish(page: Page, appUrl: string): Promise<void> {
  await page.getByLabel(/I have read and agree/).check();
  await page.getByRole("button", { name: "Accept" }).click();
  await completeProfileIfAsked(page, appUrl);
}
