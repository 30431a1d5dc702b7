import { describe, expect, it } from "vitest";
import { logIn, newPage, newUser, signUp } from "./support/browser-login";
import { checkAtBothWidths } from "./support/page-checks";
import { acceptTermsAndFinish } from "./support/login-steps";
import { useStackAndBrowser } from "./support/stack-and-browser";

/**
 * A returning user after a new version of the terms, in a real browser against the production build: the terms
 * page says what changed since the version they accepted and when, the comparison reads without JavaScript, and the
 * product and history pages say when each version was accepted. Each screen is checked with axe and for width, and
 * photographed, at both widths (support/page-checks).
 */
const started = useStackAndBrowser({ termsVersion: 1 });

const ACCEPTED_ON = /^Version (\d), accepted on \d{1,2} \w+ \d{4} at \d\d:\d\d UTC$/;

describe("a returning user after a new version of the terms", () => {
  // A long address, as some people have: the pages must wrap it, not scroll sideways.
  const user = newUser("a-rather-long-address-for-wrapping.checks");
  let comparisonUrl: string;

  it("accepted version 1 and sees when on the product page, with the claims in rows", async () => {
    const { context, page } = await newPage(started.browser);
    try {
      await signUp(page, started.stack.appUrl, user);
      await page.waitForURL(`${started.stack.appUrl}/terms`);
      // A first sign-in: nothing changed for this user.
      await expect(page.getByTestId("what-changed").count()).resolves.toBe(0);
      await acceptTermsAndFinish(page, started.stack.appUrl);
      await expect(page.getByTestId("terms-version").textContent()).resolves.toMatch(ACCEPTED_ON);
      await expect(page.locator('[data-testid="claims"] tr[data-claim="terms_version"] td').textContent()).resolves.toBe("1");
      // The claims' JSON is there for a developer who opens it, not shown to everyone.
      await expect(page.getByTestId("claims-json").isVisible()).resolves.toBe(false);
      expect(await checkAtBothWidths(page, "product-after-version-1")).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it("signs in after version 2 is published and reads what changed, then the comparison, then accepts", async () => {
    await started.stack.publishTermsVersion(2);
    const { context, page } = await newPage(started.browser);
    try {
      await logIn(page, started.stack.appUrl, user);
      await page.waitForURL(`${started.stack.appUrl}/terms`);
      const block = page.getByTestId("what-changed");
      await expect(block.getByRole("heading").textContent()).resolves.toMatch(
        /^What changed since version 1, which you accepted on \d{1,2} \w+ \d{4}$/,
      );
      await expect(block.textContent()).resolves.toContain('A new section 4, "Business data"');
      expect(await checkAtBothWidths(page, "terms-what-changed")).toEqual([]);

      const link = block.getByRole("link", { name: "See every change from version 1 to version 2" });
      comparisonUrl = new URL((await link.getAttribute("href")) ?? "", started.stack.appUrl).href;
      await link.click();
      await page.waitForURL(`${started.stack.appUrl}/terms/versions/1/compare/2?from=sign-in&lang=en`);
      await expect(page.locator("h1").textContent()).resolves.toBe("What changed from version 1 to version 2");
      expect(await checkAtBothWidths(page, "comparison-1-2")).toEqual([]);

      await page.getByRole("link", { name: "Back to the terms, to accept or decline them" }).click();
      await page.waitForURL(`${started.stack.appUrl}/terms`);
      await acceptTermsAndFinish(page, started.stack.appUrl);
      await expect(page.getByTestId("terms-version").textContent()).resolves.toMatch(/^Version 2, accepted on /);
      await expect(page.getByTestId("terms-earlier").textContent()).resolves.toMatch(/^Before: version 1, accepted on \d{1,2} \w+ \d{4} at \d\d:\d\d UTC$/);
      expect(await checkAtBothWidths(page, "product-after-version-2")).toEqual([]);

      await page.getByRole("link", { name: "Your answers to the terms of use" }).click();
      await page.waitForURL(`${started.stack.appUrl}/account/consents`);
      const rows = page.locator('[data-testid="consents"] tbody tr');
      await expect(rows.count()).resolves.toBe(2);
      await expect(rows.nth(0).textContent()).resolves.toMatch(/UTCVersion 2 \(the current version\), in EnglishAccepted$/);
      await expect(rows.nth(1).textContent()).resolves.toMatch(/UTCVersion 1 \(replaced by version 2\), in EnglishAccepted$/);
      expect(await checkAtBothWidths(page, "account-consents")).toEqual([]);

      await rows.nth(1).getByRole("link", { name: "Version 1" }).click();
      // In the language of the answer: English here, as the ledger recorded it.
      await page.waitForURL(`${started.stack.appUrl}/terms/versions/1?lang=en`);
      await expect(page.getByTestId("version-status").textContent()).resolves.toMatch(/until version 2 replaced it on \d{1,2} \w+ \d{4}\./);
      // The hash is for developers and auditors: in a closed details element, not in the page's words.
      await expect(page.getByTestId("terms-sha256").isVisible()).resolves.toBe(false);
      await expect(page.getByText("SHA-256").isVisible()).resolves.toBe(false);
      expect(await checkAtBothWidths(page, "terms-version-1")).toEqual([]);

      await page.goto(`${started.stack.appUrl}/terms/versions/2`);
      await expect(page.getByTestId("version-status").isVisible()).resolves.toBe(true);
      expect(await checkAtBothWidths(page, "terms-version-2")).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it("reads the comparison with JavaScript off: the changes marked in words and by line, not by colour alone", async () => {
    const { context, page } = await newPage(started.browser, { javaScriptEnabled: false });
    try {
      const response = await page.goto(comparisonUrl);
      expect(response?.status()).toBe(200);
      await expect(page.getByTestId("comparison-summary").textContent()).resolves.toContain('A new section 4, "Business data"');
      await expect(page.getByTestId("comparison-counts").textContent()).resolves.toBe("In all, 2 passages added, 2 changed and none removed.");
      const comparison = page.getByTestId("comparison");
      await expect(comparison.getByText("Added in version 2").isVisible()).resolves.toBe(true);
      await expect(comparison.locator("ins h4").textContent()).resolves.toBe("4. Business data");
      // Within a changed heading: the old number struck through, the new one underlined, each said in words too.
      const renumbered = comparison.locator("h4", { hasText: "Changes" });
      await expect(renumbered.textContent()).resolves.toBe("[removed: 4][added: 5]. Changes");
      const marks = await renumbered.evaluate((heading) => ({
        del: getComputedStyle(heading.querySelector("del")!).textDecorationLine,
        ins: getComputedStyle(heading.querySelector("ins")!).textDecorationLine,
      }));
      expect(marks).toEqual({ del: "line-through", ins: "underline" });
      expect(await checkAtBothWidths(page, "comparison-1-2-no-javascript", { javaScriptOff: true })).toEqual([]);
    } finally {
      await context.close();
    }
  });
});
