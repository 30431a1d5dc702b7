import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { remoteKeySet } from "../../api-auth/remote-jwks";
import { startTestIssuer, type TestIssuer } from "../../api-auth/testing/test-issuer";
import type { AccessTokenOptions } from "../../api-auth/verify-access-token";
import type { Database } from "../../database/database";
import { faultyDatabase } from "../../database/testing/fault-database";
import { backendNames, createTestBackend, type TestBackend } from "../../database/testing/test-backends";
import { ledgerOver } from "../testing/ledger-over";
import type { ConsentLedger } from "../consent-ledger";
import { createConsentsApi } from "./consents-api";
import { CSV_COLUMNS } from "./consents-csv";

const AUDIENCE = "https://api.product-xyz.example";
const ROLES = "https://product-xyz.example/roles";
const SHA = "cd".repeat(32);

describe.each(backendNames)("GET /api/consents on %s", (name) => {
  let backend: TestBackend;
  let db: Database;
  let ledger: ConsentLedger;
  let issuer: TestIssuer;
  let accessTokens: AccessTokenOptions;
  let api: (request: Request) => Promise<Response>;
  let auditor: string;
  const alice = `auth0|alice-${randomUUID()}`;
  const bob = `auth0|bob-${randomUUID()}`;

  beforeAll(async () => {
    backend = await createTestBackend(name);
    db = await backend.open();
    // Alice answers 15 times: above the default rate limit, which is not what these tests are about.
    ledger = ledgerOver(db, undefined, { records: 100, windowSeconds: 3600 });
    issuer = await startTestIssuer();
    accessTokens = { issuer: issuer.issuer, audience: AUDIENCE, keys: remoteKeySet(issuer.jwksUrl), rolesClaim: ROLES };
    api = createConsentsApi({ ledger, accessTokens });
    auditor = await issuer.sign({ sub: "auditor-client@clients", aud: AUDIENCE, scope: "read:consents" });
    // 25 answers: alice 15 (versions 1 and 2), bob 10 (version 2, one declined, one with an awkward user agent).
    for (let index = 0; index < 25; index++) {
      const mine = index < 15;
      await ledger.record({
        userId: mine ? alice : bob,
        termsVersion: mine && index < 5 ? 1 : 2,
        termsSha256: SHA,
        termsLanguage: index === 7 ? "fr" : "en",
        decision: index === 20 ? "declined" : "accepted",
        state: `state-${randomUUID()}`,
        loginId: randomUUID(),
        clientId: index % 2 === 0 ? "app-client" : null,
        ipAddress: index === 21 ? "2001:db8::1" : null,
        userAgent: index === 22 ? '=HYPERLINK("https://evil.example"), "quoted"' : "Mozilla/5.0",
      });
    }
  });
  afterAll(async () => {
    await ledger.close();
    await issuer.close();
    await backend.dispose();
  });

  function get(query: string, headers: Record<string, string> = {}) {
    return api(new Request(`http://127.0.0.1:3000/api/consents${query}`, { headers: { authorization: `Bearer ${auditor}`, ...headers } }));
  }

  describe("refuses", () => {
    it("a request without a token: 401 and a Bearer challenge", async () => {
      const response = await api(new Request("http://127.0.0.1:3000/api/consents?limit=0"));
      expect(response.status).toBe(401);
      expect(response.headers.get("www-authenticate")).toBe(`Bearer realm="${AUDIENCE}"`);
    });

    it("a token without read:consents or the auditor role: 403 insufficient_scope", async () => {
      const token = await issuer.sign({ sub: "auth0|someone", aud: AUDIENCE, scope: "openid read:users", [ROLES]: ["staff"] });
      const response = await get("", { authorization: `Bearer ${token}` });
      expect(response.status).toBe(403);
      expect(response.headers.get("www-authenticate")).toMatch(/^Bearer realm="[^"]+", error="insufficient_scope", error_description="[^"]+", scope="read:consents"$/);
    });

    it.each([
      ["another audience", { aud: "https://other-api.example" }],
      ["another issuer", { iss: "https://evil.example/" }],
    ])("a token for %s: 401 invalid_token", async (_name, claims) => {
      const token = await issuer.sign({ sub: "x@clients", aud: AUDIENCE, scope: "read:consents", ...claims });
      const response = await get("", { authorization: `Bearer ${token}` });
      expect(response.status).toBe(401);
      expect(response.headers.get("www-authenticate")).toContain('error="invalid_token"');
    });

    it.each([
      ["?limit=0", "limit must be between 1 and 1000"],
      ["?limit=1001", "limit must be between 1 and 1000"],
      ["?limit=ten", "limit must be a whole number"],
      ["?version=two", "version must be a terms version number"],
      ["?since=yesterday", "since must be an ISO 8601 date"],
      ["?since=2026-02-30", "since must be an ISO 8601 date"],
      ["?since=0000-01-01", "since must be from 1970 on"],
      ["?user=auth0%7C1%00", "user must not contain control characters"],
      ["?cursor=not-ours", "cursor is not a cursor this API issued"],
      ["?users=auth0%7C1", "unknown parameter users"],
      ["?user=a&user=b", "user is given more than once"],
      ["?format=xml", "format must be json or csv"],
    ])("bad parameters %s: 400 with the reason", async (query, reason) => {
      const response = await get(query);
      expect(response.status).toBe(400);
      expect(await response.json()).toEqual({ error: "invalid_request", error_description: expect.stringContaining(reason) });
    });
  });

  it("grants a person with the consent-auditor role", async () => {
    const token = await issuer.sign({ sub: "auth0|auditor", aud: AUDIENCE, scope: "openid", [ROLES]: ["consent-auditor"] });
    expect((await get(`?user=${encodeURIComponent(alice)}`, { authorization: `Bearer ${token}` })).status).toBe(200);
  });

  it("lists rows as JSON, oldest first, filtered by user and version", async () => {
    const response = await get(`?user=${encodeURIComponent(alice)}&version=2`);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("application/json; charset=utf-8");
    expect(response.headers.get("cache-control")).toBe("no-store");
    const body = await response.json();
    expect(body.next_cursor).toBeNull();
    expect(body.records).toHaveLength(10);
    expect(body.records[0]).toEqual({
      id: expect.stringMatching(/^\d+$/),
      recorded_at: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}Z$/),
      user_id: alice,
      terms_version: 2,
      terms_sha256: SHA,
      terms_language: "en",
      decision: "accepted",
      client_id: expect.toBeOneOf(["app-client", null]),
      ip_address: null,
      user_agent: "Mozilla/5.0",
    });
    // The third of them was shown the French text: the export says in which language each answer was given.
    expect(body.records.map((record: { terms_language: string }) => record.terms_language)).toEqual(["en", "en", "fr", ...Array(7).fill("en")]);
    const times = body.records.map((record: { recorded_at: string }) => record.recorded_at);
    expect([...times].sort()).toEqual(times);
  });

  it("pages through every row once with the cursor (Link rel=next and next_cursor)", async () => {
    const ids: string[] = [];
    let query = "?limit=10";
    let pages = 0;
    for (;;) {
      const response = await get(query);
      const body = await response.json();
      ids.push(...body.records.map((record: { id: string }) => record.id));
      pages++;
      if (!body.next_cursor) {
        expect(response.headers.get("link")).toBeNull();
        break;
      }
      expect(response.headers.get("link")).toBe(`</api/consents?limit=10&cursor=${body.next_cursor}>; rel="next"`);
      query = `?limit=10&cursor=${body.next_cursor}`;
    }
    expect(pages).toBe(3);
    expect(ids).toHaveLength(25);
    expect(new Set(ids).size).toBe(25);
  });

  it("answers CSV for Accept: text/csv and for format=csv, neutralised for spreadsheets", async () => {
    const byAccept = await get(`?user=${encodeURIComponent(bob)}`, { accept: "text/csv" });
    const byFormat = await get(`?user=${encodeURIComponent(bob)}&format=csv`);
    expect(byAccept.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    const csv = await byAccept.text();
    expect(await byFormat.text()).toBe(csv);
    const lines = csv.split("\r\n");
    expect(lines[0]).toBe(CSV_COLUMNS.join(","));
    expect(lines).toHaveLength(1 + 10 + 1);
    expect(lines.at(-1)).toBe("");
    expect(csv).toContain(`"'=HYPERLINK(""https://evil.example""), ""quoted"""`);
    expect(csv).toContain(",declined,");
    expect(csv).toContain(",2001:db8::1,");
  });

  it("answers 503 with Retry-After when the ledger is unreachable", async () => {
    const faulty = faultyDatabase(db);
    faulty.mode = "down";
    const unreachable = createConsentsApi({ ledger: ledgerOver(faulty), accessTokens });
    const response = await unreachable(new Request("http://127.0.0.1:3000/api/consents", { headers: { authorization: `Bearer ${auditor}` } }));
    expect(response.status).toBe(503);
    expect(response.headers.get("retry-after")).toBe("5");
    expect(await response.json()).toMatchObject({ error: "temporarily_unavailable" });
  });
});
