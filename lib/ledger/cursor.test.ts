import { describe, expect, it } from "vitest";
import { decodeCursor, encodeCursor } from "./cursor";

describe("cursor", () => {
  it("round-trips the time to the microsecond and the id", () => {
    const cursor = { recordedAt: "2026-03-01T12:00:00.123456Z", id: "9007199254740993" };
    const encoded = encodeCursor(cursor);
    expect(encoded).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(decodeCursor(encoded)).toEqual(cursor);
  });

  it.each([
    ["not base64url", "a+b/c="],
    ["not JSON", Buffer.from("nope").toString("base64url")],
    ["the wrong shape", Buffer.from(JSON.stringify({ t: 1 })).toString("base64url")],
    ["a time without microseconds", Buffer.from(JSON.stringify(["2026-03-01T12:00:00Z", "1"])).toString("base64url")],
    ["an id that is not a positive integer", Buffer.from(JSON.stringify(["2026-03-01T12:00:00.000000Z", "1 OR 1=1"])).toString("base64url")],
    ["a huge value", "a".repeat(200)],
  ])("refuses %s", (_name, value) => {
    expect(decodeCursor(value)).toBeNull();
  });
});
