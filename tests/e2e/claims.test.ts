import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { ACCESS_POLICY_DENIALS } from "../../contract/denials";
import { logIn as logInAt, newPage as openPage, type Credentials } from "./support/browser-login";
import { acceptTermsAndFinish } from "./support/login-steps";
import { useStackAndBrowser } from "./support/stack-and-browser";

/**
 * The claim Actions in a real browser, against the production build: groups from the Management API, roles, the
 * business data from the app's own API, and an access rule's friendly denial.
 */
const started = useStackAndBrowser();

const newPage = () => openPage(started.browser);
const logIn = (page: Page, user: Credentials) => logInAt(page, started.stack.appUrl, user);

async function acceptTerms(page: Page) {
  await page.waitForURL(`${started.stack.appUrl}/terms`);
  await acceptTermsAndFinish(page, started.stack.appUrl);
}

const text = (page: Page, testId: string) => page.getByTestId(testId).textContent();

describe("claims on the product page", () => {
  it("the demo user sees the groups and roles of the directory and the business data of the app's database", async () => {
    const { context, page } = await newPage();
    try {
      await logIn(page, started.stack.tenant.demoUser);
      await acceptTerms(page);
      await expect(text(page, "user-email")).resolves.toBe("demo@example.com");
      await expect(text(page, "groups")).resolves.toBe("engineering, staff");
      await expect(text(page, "roles")).resolves.toBe("admin");
      await expect(text(page, "business-plan")).resolves.toBe("enterprise");
      await expect(text(page, "business-company")).resolves.toBe("Example Corp");
      await expect(text(page, "business-account-manager")).resolves.toBe("sam.rivera@product-xyz.example");
      await expect(text(page, "business-seats")).resolves.toBe("25");
    } finally {
      await context.close();
    }
  });

  it("a user given groups and roles through the Management API sees them at the next login; no business data, no block", async () => {
    const user = { email: `directory-${Date.now()}@example.com`, password: "correct-horse-battery" };
    await started.stack.tenant.management.createUser({ ...user, groups: ["sales"], roles: ["consent-auditor", "viewer"] });
    const { context, page } = await newPage();
    try {
      await logIn(page, user);
      await acceptTerms(page);
      await expect(text(page, "groups")).resolves.toBe("sales");
      await expect(text(page, "roles")).resolves.toBe("consent-auditor, viewer");
      await expect(text(page, "no-business-data")).resolves.toBe("No business data came with this sign-in.");
    } finally {
      await context.close();
    }
  });

  it("an email domain an access rule refuses gets the rule's own words, before any terms step", async () => {
    const denial = ACCESS_POLICY_DENIALS.email_domain_not_allowed;
    const user = { email: `someone-${Date.now()}@contractors.example`, password: "correct-horse-battery" };
    await started.stack.tenant.management.createUser(user);
    const { context, page } = await newPage();
    try {
      await logIn(page, user);
      await page.waitForURL(/\/denied\?/);
      await expect(page.locator("h1").textContent()).resolves.toBe(denial.title);
      await expect(page.getByText(denial.message).isVisible()).resolves.toBe(true);
    } finally {
      await context.close();
    }
  });
});
