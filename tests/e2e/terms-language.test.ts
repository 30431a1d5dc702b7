import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { termsDocuments } from "../../lib/terms/documents";
import { auditorToken } from "./support/auditor";
import { newPage, newUser } from "./support/browser-login";
import { checkAtBothWidths } from "./support/page-checks";
import { completeProfileIfAsked } from "./support/login-steps";
import { useStackAndBrowser } from "./support/stack-and-browser";

/**
 * A user whose application asks for French (`ui_locales=fr`), in a real browser through the local tenant and the
 * production build: the terms and the step's words are French, through a new version too, and the ledger records
 * the language and the hash of the French text, as the history and the auditor's export show.
 */
const started = useStackAndBrowser({ termsVersion: 1 });

const french = (version: number) => termsDocuments().get(version)!.editions.get("fr")!;

describe("terms in the user's language", () => {
  const user = newUser("francophone");

  it("a sign-up with ui_locales=fr reads the terms in French and accepts them in French", async () => {
    const { context, page } = await newPage(started.browser);
    try {
      await page.goto(`${started.stack.appUrl}/auth/login?ui_locales=fr`);
      await page.getByRole("link", { name: "Sign up" }).click();
      await page.locator("#email").fill(user.email);
      await page.locator("#password").fill(user.password);
      await page.getByRole("button", { name: "Continue" }).click();
      await page.waitForURL(`${started.stack.appUrl}/terms`);
      await expect(page.locator("html").getAttribute("lang")).resolves.toBe("fr");
      await expect(page.locator("article.terms h1").textContent()).resolves.toBe("Conditions d'utilisation — version 1");
      await expect(page.title()).resolves.toBe("Conditions d'utilisation · Product XYZ");
      expect(await checkAtBothWidths(page, "terms-french")).toEqual([]);
      await page.getByLabel("J'ai lu et j'accepte les conditions d'utilisation (version 1)").check();
      await page.getByRole("button", { name: "Accepter" }).click();
      await completeProfileIfAsked(page, started.stack.appUrl);
    } finally {
      await context.close();
    }
  });

  it("after version 2, reads what changed in French, accepts, and the history and the export record French", async () => {
    await started.stack.publishTermsVersion(2);
    const { context, page } = await newPage(started.browser);
    try {
      await page.goto(`${started.stack.appUrl}/auth/login?ui_locales=fr`);
      await page.locator("#username").fill(user.email);
      await page.locator("#password").fill(user.password);
      await page.getByRole("button", { name: "Continue" }).click();
      await page.waitForURL(`${started.stack.appUrl}/terms`);
      const block = page.getByTestId("what-changed");
      await expect(block.getByRole("heading").textContent()).resolves.toMatch(
        /^Ce qui a changé depuis la version 1, que vous avez acceptée le \d{1,2} \S+ \d{4}$/,
      );
      await expect(block.textContent()).resolves.toContain("Une nouvelle section 4, « Données de l'entreprise »");
      await expect(page.locator("article.terms h1").textContent()).resolves.toBe("Conditions d'utilisation — version 2");
      expect(await checkAtBothWidths(page, "terms-french-what-changed")).toEqual([]);

      // The block's comparison opens in French: the French editions compared, in French words, `<html lang="fr">`.
      await block.getByRole("link", { name: /^Voir/ }).click();
      await page.waitForURL(`${started.stack.appUrl}/terms/versions/1/compare/2?from=sign-in&lang=fr`);
      await expect(page.locator("html").getAttribute("lang")).resolves.toBe("fr");
      await expect(page.locator("h1").textContent()).resolves.toBe("Ce qui a changé de la version 1 à la version 2");
      await expect(page.getByTestId("comparison-counts").textContent()).resolves.toMatch(/^En tout, /);
      await expect(page.getByTestId("comparison").textContent()).resolves.toContain("Données de l'entreprise");
      await expect(page.getByTestId("comparison").textContent()).resolves.not.toContain("Business data");
      expect(await checkAtBothWidths(page, "comparison-french")).toEqual([]);
      // Each version in full, in the language the comparison is read in.
      await expect(page.getByRole("link", { name: "La version 1 en entier" }).getAttribute("href")).resolves.toBe("/terms/versions/1?lang=fr");
      await expect(page.getByRole("link", { name: "La version 2 en entier" }).getAttribute("href")).resolves.toBe("/terms/versions/2?lang=fr");
      await page.getByRole("link", { name: "Revenir aux conditions, pour les accepter ou les refuser" }).click();
      await page.waitForURL(`${started.stack.appUrl}/terms`);
      await page.getByLabel(/J'ai lu et j'accepte/).check();
      await page.getByRole("button", { name: "Accepter" }).click();
      await page.waitForURL(`${started.stack.appUrl}/`);

      await page.goto(`${started.stack.appUrl}/account/consents`);
      const languages = page.locator('[data-testid="consents"] [data-testid="terms-language"]');
      await expect(languages.allTextContents()).resolves.toEqual(["in French", "in French"]);

      // Each answer links to the text as it was answered, in French, whatever the browser's language (English here).
      const versionLinks = page.locator('[data-testid="consents"] a');
      await expect(versionLinks.evaluateAll((links) => links.map((link) => link.getAttribute("href")))).resolves.toEqual([
        "/terms/versions/2?lang=fr",
        "/terms/versions/1?lang=fr",
      ]);
      await versionLinks.last().click();
      await page.waitForURL(`${started.stack.appUrl}/terms/versions/1?lang=fr`);
      await expect(page.locator("html").getAttribute("lang")).resolves.toBe("fr");
      await expect(page.locator("article.terms h1").textContent()).resolves.toBe("Conditions d'utilisation — version 1");
      await expect(page.title()).resolves.toBe("Conditions d'utilisation, version 1 · Product XYZ");
      await expect(page.getByTestId("terms-sha256").textContent()).resolves.toBe(french(1).sha256);
      await page.goto(`${started.stack.appUrl}/`);
      await expect(page.getByTestId("terms-earlier").getByRole("link").getAttribute("href")).resolves.toBe("/terms/versions/1?lang=fr");
    } finally {
      await context.close();
    }
    const response = await fetch(`${started.stack.appUrl}/api/consents?user=${encodeURIComponent(await userIdOf(user.email))}`, {
      headers: { authorization: `Bearer ${await auditorToken(started.stack.tenant)}` },
    });
    expect(response.status).toBe(200);
    const { records } = (await response.json()) as { records: Array<{ terms_version: number; terms_language: string; terms_sha256: string }> };
    expect(records.map(({ terms_version, terms_language, terms_sha256 }) => ({ terms_version, terms_language, terms_sha256 }))).toEqual([
      { terms_version: 1, terms_language: "fr", terms_sha256: french(1).sha256 },
      { terms_version: 2, terms_language: "fr", terms_sha256: french(2).sha256 },
    ]);
    expect(french(2).sha256).toBe(createHash("sha256").update(french(2).markdown).digest("hex"));
  });
});

async function userIdOf(email: string): Promise<string> {
  const users = await started.stack.tenant.management.expect<Array<{ user_id: string }>>(200, "GET", `users-by-email?email=${encodeURIComponent(email)}`);
  const id = users[0]?.user_id;
  if (!id) throw new Error(`no user ${email} in the tenant`);
  return id;
}
