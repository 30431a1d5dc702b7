import { describe, expect, it } from "vitest";
import { decodeCursor, encodeCursor } from "./cursor";

describe("cursor", () => {
  it("round-trips the time to the microsecond and the id", () => {
    const cursor = { recordedAt: "2026-03-01T12:00:00.123456Z", id: "9007199254740993" };
    const encoded = encodeCursor(cursor);
    expect(encoded).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(decodeCursor(encoded)).toEqual(cursor);
  });

  it("takes the largest bigint id", () => {
    const cursor = { recordedAt: "2024-02-29T23:59:59.999999Z", id: "9223372036854775807" };
    expect(decodeCursor(encodeCursor(cursor))).toEqual(cursor);
  });

  it.each([
    ["not base64url", "a+b/c="],
    ["not JSON", Buffer.from("nope").toString("base64url")],
    ["the wrong shape", Buffer.from(JSON.stringify({ t: 1 })).toString("base64url")],
    ["a time without microseconds", Buffer.from(JSON.stringify(["2026-03-01T12:00:00Z", "1"])).toString("base64url")],
    ["an id that is not a positive integer", Buffer.from(JSON.stringify(["2026-03-01T12:00:00.000000Z", "1 OR 1=1"])).toString("base64url")],
    ["a huge value", "a".repeat(200)],
    ["an id beyond bigint", Buffer.from(JSON.stringify(["2026-03-01T12:00:00.000000Z", "9223372036854775808"])).toString("base64url")],
    ["a month 13, day 45", Buffer.from(JSON.stringify(["2026-13-45T12:00:00.000000Z", "1"])).toString("base64url")],
    ["February 30", Buffer.from(JSON.stringify(["2026-02-30T12:00:00.000000Z", "1"])).toString("base64url")],
    ["an hour 24", Buffer.from(JSON.stringify(["2026-03-01T24:00:00.000000Z", "1"])).toString("base64url")],
    ["year 0000", Buffer.from(JSON.stringify(["0000-01-01T00:00:00.000000Z", "1"])).toString("base64url")],
  ])("refuses %s", (_name, value) => {
    expect(decodeCursor(value)).toBeNull();
  });
});
