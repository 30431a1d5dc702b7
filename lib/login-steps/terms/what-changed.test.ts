import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { testEnv } from "../../../tests/support/test-env";
import { parseConfig } from "../../config";
import { readableDate } from "../../dates/readable-date";
import { escapeHtml } from "../../http/html";
import { editionOf, termsDocuments } from "../../terms/documents";
import { editionHtml } from "../../terms/edition-html";
import { consentSettingsFrom } from "../settings";
import { sealStepSession, STEP_COOKIE_NAME } from "../step-cookie";
import { handleStepPage } from "../step-page";
import { termsStep } from "./terms-step";

const APP = "http://127.0.0.1:3000";
const settings = consentSettingsFrom(parseConfig(testEnv()));

/** The terms page for a login whose step cookie holds what the intake kept of the Action's token. */
async function termsPageFor(data: Record<string, string | number>): Promise<string> {
  const session = { step: "terms", sub: `auth0|${randomUUID()}`, state: randomUUID(), loginId: randomUUID(), data };
  const cookie = `${STEP_COOKIE_NAME}=${await sealStepSession(session, settings.cookiePassword)}`;
  const response = await handleStepPage(new Request(`${APP}/terms`, { headers: { cookie } }), termsStep, settings);
  expect(response.status).toBe(200);
  return response.text();
}

describe("the terms page's 'what changed' block", () => {
  describe("for a user who accepted an earlier version", () => {
    it("says which version and when, what changed since, and links to the comparison, above the text", async () => {
      const acceptedAt = "2026-03-01T12:00:00.000Z";
      const html = await termsPageFor({ termsVersion: 2, acceptedVersion: 1, acceptedAt });
      expect(html).toContain(
        `<h2 id="what-changed-title">What changed since version 1, which you accepted on <time datetime="${acceptedAt}">${readableDate(acceptedAt)}</time></h2>`,
      );
      expect(html).toContain(`<p>${escapeHtml(termsDocuments().get(2)?.summary ?? "")}</p>`);
      expect(html).toContain('<a href="/terms/versions/1/compare/2?from=sign-in&amp;lang=en">See every change from version 1 to version 2</a>');
      expect(html.indexOf('data-testid="what-changed"')).toBeLessThan(html.indexOf('<article class="terms"'));
    });

    it("leaves the date out when the Action did not know it", async () => {
      const html = await termsPageFor({ termsVersion: 2, acceptedVersion: 1 });
      expect(html).toContain('<h2 id="what-changed-title">What changed since version 1, which you accepted</h2>');
    });
  });

  it("speaks the login's language: the heading, the date, each version's summary and the link in French", async () => {
    const acceptedAt = "2026-03-01T12:00:00.000Z";
    const html = await termsPageFor({ termsVersion: 2, acceptedVersion: 1, acceptedAt, uiLocales: "fr" });
    expect(html).toContain(
      `<h2 id="what-changed-title">Ce qui a changé depuis la version 1, que vous avez acceptée le <time datetime="${acceptedAt}">${readableDate(acceptedAt, "fr")}</time></h2>`,
    );
    expect(html).toContain(`<p>${escapeHtml(editionOf(termsDocuments().get(2)!, "fr").summary ?? "missing")}</p>`);
    expect(html).toContain("Voir toutes les modifications de la version 1 à la version 2</a>");
  });

  it("is not shown at a first sign-in", async () => {
    const html = await termsPageFor({ termsVersion: 2 });
    expect(html).toContain(await editionHtml(termsDocuments().get(2)!));
    expect(html).not.toContain("What changed");
  });
});
