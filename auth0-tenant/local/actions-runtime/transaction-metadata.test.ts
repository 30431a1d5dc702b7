import { describe, expect, it } from "vitest";
import { ActionsRuntimeError } from "./errors";
import { setTransactionMetadata } from "./transaction-metadata";
import type { AccumulatedCommands } from "./types";

type Metadata = AccumulatedCommands["transactionMetadata"];

describe("setTransactionMetadata", () => {
  describe("values", () => {
    it("stores strings, numbers and booleans; null removes", () => {
      const metadata: Metadata = {};
      setTransactionMetadata(metadata, "s", "x");
      setTransactionMetadata(metadata, "n", 1.5);
      setTransactionMetadata(metadata, "b", false);
      setTransactionMetadata(metadata, "s", null);
      expect(metadata).toEqual({ n: 1.5, b: false });
    });

    it.each([{ a: 1 }, [1], undefined, Number.NaN, 2 ** 53])("refuses %j", (value) => {
      expect(() => setTransactionMetadata({}, "k", value)).toThrow(ActionsRuntimeError);
    });
  });

  describe("limits", () => {
    it("refuses a key over 64 characters", () => {
      expect(() => setTransactionMetadata({}, "k".repeat(65), 1)).toThrow(/longer than 64 characters/);
    });

    it("refuses a value over 8 KB", () => {
      expect(() => setTransactionMetadata({}, "k", "x".repeat(8 * 1024 + 1))).toThrow(/exceeds 8192 bytes/);
    });

    it("refuses to grow past 16 KB in total", () => {
      const metadata: Metadata = {};
      setTransactionMetadata(metadata, "a", "x".repeat(8000));
      setTransactionMetadata(metadata, "b", "x".repeat(8000));
      expect(() => setTransactionMetadata(metadata, "c", "x".repeat(800))).toThrow(/16384/);
      expect(metadata).not.toHaveProperty("c");
    });
  });
});
