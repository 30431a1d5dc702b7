import { describe, expect, it } from "vitest";
import { encodeCursor } from "../cursor";
import { consentsParams } from "./consents-params";

const parse = (query: string, accept: string | null = null) => consentsParams(new URLSearchParams(query), accept);

describe("consentsParams", () => {
  it("defaults to 100 rows of everything, as JSON", () => {
    expect(parse("")).toEqual({ query: { limit: 100 }, format: "json" });
  });

  it("reads every filter and the cursor", () => {
    const cursor = { recordedAt: "2026-03-01T12:00:00.123456Z", id: "42" };
    expect(parse(`user=auth0%7C1&version=2&since=2026-03-01T12:00:00%2B02:00&limit=1000&cursor=${encodeCursor(cursor)}`).query).toEqual({
      userId: "auth0|1",
      termsVersion: 2,
      since: "2026-03-01T12:00:00+02:00",
      after: cursor,
      limit: 1000,
    });
  });

  it("reads a date as midnight UTC", () => {
    expect(parse("since=2026-03-01").query.since).toBe("2026-03-01T00:00:00Z");
  });

  it.each([
    ["format=csv", null, "csv"],
    ["", "text/csv", "csv"],
    // The client's preference decides (RFC 9110 §12.5.1); a tie or an exclusion keeps JSON.
    ["", "text/csv;q=0.9, application/json", "json"],
    ["", "application/json;q=0.5, text/csv", "csv"],
    ["", "text/csv;q=0", "json"],
    ["", "text/csv;q=0, application/json", "json"],
    ["", "application/json, text/csv", "json"],
    ["", "text/*", "csv"],
    ["format=json", "text/csv", "json"],
    ["", "*/*", "json"],
  ])("negotiates %s with Accept %s as %s", (query, accept, format) => {
    expect(parse(query, accept).format).toBe(format);
  });

  it("names every parameter at fault at once", () => {
    expect(() => parse("limit=0&version=x")).toThrow("version must be a terms version number, e.g. 2; limit must be between 1 and 1000");
  });
});
