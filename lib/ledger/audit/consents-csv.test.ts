import { describe, expect, it } from "vitest";
import type { ConsentRecord } from "../records";
import { consentsCsv } from "./consents-csv";

const record: ConsentRecord = {
  id: "7",
  recordedAt: "2026-03-01T12:00:00.123456Z",
  userId: "auth0|1",
  termsVersion: 2,
  termsSha256: "ab".repeat(32),
  termsLanguage: "fr",
  decision: "accepted",
  clientId: null,
  ipAddress: "203.0.113.9",
  userAgent: "Mozilla/5.0 (X11; Linux x86_64)",
};

describe("consentsCsv", () => {
  it("writes a header and one CRLF line per record; null is empty", () => {
    expect(consentsCsv([record])).toBe(
      "id,recorded_at,user_id,terms_version,terms_sha256,terms_language,decision,client_id,ip_address,user_agent\r\n" +
        `7,2026-03-01T12:00:00.123456Z,auth0|1,2,${"ab".repeat(32)},fr,accepted,,203.0.113.9,Mozilla/5.0 (X11; Linux x86_64)\r\n`,
    );
  });

  it.each([
    ["a comma", "a, b", '"a, b"'],
    ["quotes", 'say "hi"', '"say ""hi"""'],
    ["a line break", "a\nb", '"a\nb"'],
    ["a formula", "=1+1", "'=1+1"],
    ["a formula after @", "@SUM(A1)", "'@SUM(A1)"],
    ["a leading minus", "-2+3", "'-2+3"],
  ])("quotes or neutralises %s", (_name, userAgent, field) => {
    expect(consentsCsv([{ ...record, userAgent }]).split("\r\n")[1]!.endsWith(`,${field}`)).toBe(true);
  });
});
