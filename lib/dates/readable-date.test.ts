import { describe, expect, it, vi } from "vitest";
import { readableDate, readableDateTime } from "./readable-date";

describe("readable dates", () => {
  it("writes the ledger's timestamps and the documents' days as people read them, in UTC", () => {
    expect(readableDate("2026-03-01T23:59:59.999999Z")).toBe("1 March 2026");
    expect(readableDate("2026-11-23")).toBe("23 November 2026");
    expect(readableDateTime("2026-03-01T09:05:00.123456Z")).toBe("1 March 2026 at 09:05 UTC");
  });

  it("makes no formatter until a date is written, then one per language", async () => {
    const Original = Intl.DateTimeFormat;
    let made = 0;
    Intl.DateTimeFormat = class extends Original {
      constructor(...args: ConstructorParameters<typeof Original>) {
        super(...args);
        made += 1;
      }
    } as typeof Original;
    try {
      vi.resetModules();
      const fresh = await import("./readable-date");
      expect(made).toBe(0);
      expect(fresh.readableDate("2026-03-01", "fr")).toBe("1 mars 2026");
      fresh.readableDate("2026-03-02", "fr");
      expect(made).toBe(1);
    } finally {
      Intl.DateTimeFormat = Original;
    }
  });
});
