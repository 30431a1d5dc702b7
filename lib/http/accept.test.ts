import { describe, expect, it } from "vitest";
import { acceptQuality } from "./accept";

describe("acceptQuality", () => {
  it.each([
    [null, 1],
    ["", 1],
    ["text/csv", 1],
    ["TEXT/CSV", 1],
    ["text/csv;q=0", 0],
    ["text/csv; q=0.000", 0],
    ["text/csv;q=0.5", 0.5],
    ["text/*;q=0.3", 0.3],
    ["*/*;q=0.1", 0.1],
    ["application/json", 0],
    ["text/csv;q=0, */*", 0],
    ["*/*, text/*;q=0.2, text/csv;q=0.7", 0.7],
    ["text/csv;q=2", 0],
    ["text/csv;q=abc", 0],
  ])("gives text/csv in %j the quality %d", (accept, quality) => {
    expect(acceptQuality(accept, "text/csv")).toBe(quality);
  });
});
