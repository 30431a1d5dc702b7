import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { serveFetchHandler, type FetchHandlerServer } from "../../../tests/support/serve-fetch-handler";
import { remoteKeySet } from "../../api-auth/remote-jwks";
import { startTestIssuer, type TestIssuer } from "../../api-auth/testing/test-issuer";
import { backendNames, createTestBackend, type TestBackend } from "../../database/testing/test-backends";
import { ledgerOver } from "../testing/ledger-over";
import type { ConsentLedger } from "../consent-ledger";
import { createConsentsApi } from "./consents-api";

const AUDIENCE = "https://api.product-xyz.example";
/** A cursor as the API encodes one, with any content. */
const cursor = (recordedAt: string, id: string) => Buffer.from(JSON.stringify([recordedAt, id])).toString("base64url");

/** Every parameter of GET /api/consents that the database could not take, or that the API does not know. */
const BAD_INPUTS: Array<[string, string, string]> = [
  ["a cursor with an id beyond bigint", `cursor=${cursor("2026-03-01T12:00:00.000000Z", "9223372036854775808")}`, "cursor is not a cursor this API issued"],
  ["a cursor on 2026-13-45", `cursor=${cursor("2026-13-45T12:00:00.000000Z", "1")}`, "cursor is not a cursor this API issued"],
  ["a cursor in year 0000", `cursor=${cursor("0000-01-01T00:00:00.000000Z", "1")}`, "cursor is not a cursor this API issued"],
  ["a cursor on February 30", `cursor=${cursor("2026-02-30T00:00:00.000000Z", "1")}`, "cursor is not a cursor this API issued"],
  ["a cursor at 24:00", `cursor=${cursor("2026-03-01T24:00:00.000000Z", "1")}`, "cursor is not a cursor this API issued"],
  ["since in year 0000", "since=0000-01-01", "since must be from 1970 on"],
  ["since on 2026-13-45", "since=2026-13-45", "since must be an ISO 8601 date"],
  ["since with an offset PostgreSQL refuses", "since=2026-03-01T00:00:00%2B23:59", "since must have a UTC offset between -14:00 and +14:00"],
  ["a user with a NUL byte", "user=auth0%7Ca%00b", "user must not contain control characters"],
  ["a user over 512 characters", `user=${"a".repeat(513)}`, "user must be at most 512 characters"],
  ["version 0", "version=0", "version must be a terms version number"],
  ["a version beyond integer", "version=99999999999", "version must be a terms version number"],
  ["limit 0", "limit=0", "limit must be between 1 and 1000"],
  ["a limit beyond the page size", "limit=1001", "limit must be between 1 and 1000"],
  ["format xml", "format=xml", "format must be json or csv"],
  ["an unknown parameter", "users=auth0%7C1", "unknown parameter users"],
  ["__proto__", "__proto__=x", "unknown parameter __proto__"],
  ["constructor", "constructor=x", "unknown parameter constructor"],
  ["a repeated parameter", "user=a&user=b", "user is given more than once"],
];

describe.each(backendNames)("GET /api/consents over HTTP on %s: bad input", (name) => {
  let backend: TestBackend;
  let ledger: ConsentLedger;
  let issuer: TestIssuer;
  let server: FetchHandlerServer;
  let auditor: string;

  beforeAll(async () => {
    backend = await createTestBackend(name);
    ledger = ledgerOver(await backend.open());
    issuer = await startTestIssuer();
    const accessTokens = { issuer: issuer.issuer, audience: AUDIENCE, keys: remoteKeySet(issuer.jwksUrl), rolesClaim: "https://product-xyz.example/roles" };
    server = await serveFetchHandler(createConsentsApi({ ledger, accessTokens }));
    auditor = await issuer.sign({ sub: "auditor-client@clients", aud: AUDIENCE, scope: "read:consents" });
  });
  afterAll(async () => {
    await server?.close();
    await ledger?.close();
    await issuer?.close();
    await backend?.dispose();
  });

  const get = (query: string) => fetch(`${server.url}/api/consents?${query}`, { headers: { authorization: `Bearer ${auditor}` } });

  it.each(BAD_INPUTS)("answers 400 for %s, saying why", async (_name, query, reason) => {
    const response = await get(query);
    const body = (await response.json()) as { error: string; error_description: string };
    expect({ status: response.status, ...body }).toEqual({ status: 400, error: "invalid_request", error_description: expect.stringContaining(reason) });
  });

  it("takes the extremes the database can hold", async () => {
    for (const query of [`cursor=${cursor("2024-02-29T23:59:59.999999Z", "9223372036854775807")}`, "since=1970-01-01", "since=9999-12-31T23:59:59-14:00", "version=999999"]) {
      expect((await get(query)).status, query).toBe(200);
    }
  });
});
