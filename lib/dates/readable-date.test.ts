import { describe, expect, it } from "vitest";
import { readableDate, readableDateTime } from "./readable-date";

describe("readable dates", () => {
  it("writes the ledger's timestamps and the documents' days as people read them, in UTC", () => {
    expect(readableDate("2026-03-01T23:59:59.999999Z")).toBe("1 March 2026");
    expect(readableDate("2026-11-23")).toBe("23 November 2026");
    expect(readableDateTime("2026-03-01T09:05:00.123456Z")).toBe("1 March 2026 at 09:05 UTC");
  });
});
