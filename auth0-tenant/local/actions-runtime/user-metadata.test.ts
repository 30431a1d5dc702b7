import { describe, expect, it } from "vitest";
import { ActionsRuntimeError } from "./errors";
import type { UserMetadataPatch } from "./types";
import { MAX_METADATA_BYTES, mergeMetadata, recordMetadataWrite } from "./user-metadata";

describe("user metadata", () => {
  describe("mergeMetadata", () => {
    it("merges the first level only, and null deletes", () => {
      expect(mergeMetadata({ a: { x: 1, y: 2 }, b: 1, c: 3 }, { a: { x: 9 }, b: null })).toEqual({ a: { x: 9 }, c: 3 });
    });

    it("does not share objects with its inputs", () => {
      const base = { a: { x: 1 } };
      const merged = mergeMetadata(base, { b: 2 }) as { a: { x: number } };
      merged.a.x = 99;
      expect(base.a.x).toBe(1);
    });
  });

  describe("recordMetadataWrite", () => {
    const write = (patch: UserMetadataPatch, overrides: Partial<Parameters<typeof recordMetadataWrite>[1]> = {}) =>
      recordMetadataWrite(patch, {
        kind: "app_metadata",
        key: "k",
        value: 1,
        eventMetadata: {},
        storedMetadata: {},
        ...overrides,
      });

    it("queues writes per kind, later ones replacing earlier ones", () => {
      const patch: UserMetadataPatch = {};
      write(patch, { key: "a", value: 1 });
      write(patch, { key: "a", value: 2 });
      write(patch, { kind: "user_metadata", key: "b", value: null });
      expect(patch).toEqual({ app_metadata: { a: 2 }, user_metadata: { b: null } });
    });

    it("throws Auth0's messages when the event's metadata is not an object", () => {
      expect(() => write({}, { eventMetadata: [] })).toThrow(/^Unexpected app_metadata format\. Must be a valid JSON object$/);
      expect(() => write({}, { kind: "user_metadata", eventMetadata: "x" })).toThrow(
        /^Unexpected user_metadata format\. Must be a valid JSON object\.$/,
      );
    });

    it("refuses a write that would take the stored metadata past 32 kB", () => {
      const patch: UserMetadataPatch = {};
      const stored = { history: "x".repeat(MAX_METADATA_BYTES - 100) };
      expect(() => write(patch, { storedMetadata: stored, key: "more", value: "y".repeat(200) })).toThrow(ActionsRuntimeError);
      expect(patch).toEqual({});
      write(patch, { storedMetadata: stored, key: "history", value: null });
      expect(patch).toEqual({ app_metadata: { history: null } });
    });
  });
});
