import { randomUUID } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testEnv } from "../../../tests/support/test-env";
import { parseConfig } from "../../config";
import type { ConsentLedger } from "../../ledger/consent-ledger";
import { DatabaseUnavailableError } from "../../database/errors";
import { ledgerFrom } from "../../ledger/process-ledger";
import type { ConsentDecision } from "../../ledger/records";
import { termsDocuments } from "../../terms/documents";
import { consentSettingsFrom, type ConsentSettings } from "../settings";
import { sealStepSession, STEP_COOKIE_NAME } from "../step-cookie";
import { handleTermsPage } from "./terms-step";

const APP = "http://127.0.0.1:3000";

// A real ledger (embedded PostgreSQL in a temporary directory): the block reads the user's answers from it.
const ledgerDirectory = mkdtempSync(path.join(tmpdir(), "what-changed-"));
const config = parseConfig({ ...testEnv(), LEDGER_DATA_DIR: path.join(ledgerDirectory, "ledger") });
let settings: ConsentSettings;
beforeAll(() => {
  settings = consentSettingsFrom(config, ledgerFrom(config.ledger));
});
afterAll(async () => {
  await settings.ledger.close();
  rmSync(ledgerDirectory, { recursive: true, force: true });
});

function answered(userId: string, termsVersion: number, decision: ConsentDecision) {
  return settings.ledger.record({
    userId,
    termsVersion,
    termsSha256: termsDocuments().get(termsVersion)!.sha256,
    termsLanguage: "en",
    decision,
    state: randomUUID(),
    loginId: randomUUID(),
    clientId: null,
    ipAddress: null,
    userAgent: null,
  });
}

async function termsPageFor(userId: string, termsVersion: number, pageSettings: ConsentSettings = settings): Promise<string> {
  const session = { step: "terms", sub: userId, state: randomUUID(), loginId: randomUUID(), data: { termsVersion } };
  const cookie = `${STEP_COOKIE_NAME}=${await sealStepSession(session, pageSettings.cookiePassword)}`;
  const response = await handleTermsPage(new Request(`${APP}/terms`, { headers: { cookie } }), pageSettings);
  expect(response.status).toBe(200);
  return response.text();
}

describe("the terms page, for a user who accepted an earlier version", () => {
  it("says which version and when, what changed since, and links to the comparison", async () => {
    const userId = `auth0|${randomUUID()}`;
    const { record } = await answered(userId, 1, "accepted");
    const html = await termsPageFor(userId, 2);
    const day = new Intl.DateTimeFormat("en-GB", { day: "numeric", month: "long", year: "numeric", timeZone: "UTC" }).format(new Date(record.recordedAt));
    expect(html).toContain(
      `<h2 id="what-changed-title">What changed since version 1, which you accepted on <time datetime="${record.recordedAt}">${day}</time></h2>`,
    );
    expect(html).toContain(`<p>${termsDocuments().get(2)!.summary!.replace(/"/g, "&quot;").replace(/'/g, "&#39;")}</p>`);
    expect(html).toContain('<a href="/terms/versions/1/compare/2?from=sign-in">See every change from version 1 to version 2</a>');
    // Above the terms, so it is read first.
    expect(html.indexOf('data-testid="what-changed"')).toBeLessThan(html.indexOf('<article class="terms"'));
  });

  it("says nothing of changes to a user who never accepted a version: a first sign-in, or only a decline", async () => {
    const newcomer = `auth0|${randomUUID()}`;
    expect(await termsPageFor(newcomer, 2)).not.toContain("What changed");
    const decliner = `auth0|${randomUUID()}`;
    await answered(decliner, 1, "declined");
    expect(await termsPageFor(decliner, 2)).not.toContain("What changed");
    // Nor on the first version, whatever else is on record.
    expect(await termsPageFor(decliner, 1)).not.toContain("What changed");
  });

  it("still shows the terms when the ledger cannot be read, without the block", async () => {
    const unreachable: ConsentLedger = {
      ...settings.ledger,
      history: () => Promise.reject(new DatabaseUnavailableError("The database did not answer within 3000 ms.")),
    };
    const html = await termsPageFor(`auth0|${randomUUID()}`, 2, { ...settings, ledger: unreachable });
    expect(html).toContain(termsDocuments().get(2)!.html);
    expect(html).not.toContain("What changed");
  });
});
