import { describe, expect, it } from "vitest";
import { CACHE_LIMITS, createActionsCache, createCacheApi } from "./cache";

const START = 1_900_000_000_000;

function setup() {
  let now = START;
  const store = createActionsCache();
  return {
    store,
    cache: createCacheApi(store, () => now),
    advance: (ms: number) => void (now += ms),
  };
}

describe("api.cache", () => {
  describe("get", () => {
    it("misses an unknown key", () => {
      expect(setup().cache.get("nope")).toBeUndefined();
    });

    it("hits a stored record with its value and expiry", () => {
      const { cache } = setup();
      cache.set("token", "abc", { ttl: 1000 });
      expect(cache.get("token")).toEqual({ value: "abc", expires_at: START + 1000 });
    });

    it("does not see a record once it has expired", () => {
      const { cache, advance } = setup();
      cache.set("token", "abc", { ttl: 1000 });
      advance(999);
      expect(cache.get("token")?.value).toBe("abc");
      advance(1);
      expect(cache.get("token")).toBeUndefined();
    });

    it("is shared through the store with later executions", () => {
      const { store, cache } = setup();
      cache.set("token", "abc");
      expect(createCacheApi(store, () => START).get("token")?.value).toBe("abc");
    });
  });

  describe("set expiry", () => {
    it("defaults to 15 minutes", () => {
      expect(setup().cache.set("k", "v")).toEqual({ type: "success", record: { value: "v", expires_at: START + 15 * 60_000 } });
    });

    it("takes the earliest of ttl and expires_at", () => {
      const { cache } = setup();
      expect(cache.set("a", "v", { ttl: 5000, expires_at: START + 2000 })).toMatchObject({ record: { expires_at: START + 2000 } });
      expect(cache.set("b", "v", { ttl: 2000, expires_at: START + 5000 })).toMatchObject({ record: { expires_at: START + 2000 } });
    });

    it("caps the lifetime at 24 hours", () => {
      expect(setup().cache.set("k", "v", { ttl: 48 * 3_600_000 })).toMatchObject({ record: { expires_at: START + 24 * 3_600_000 } });
    });

    it("refuses a record that is already expired", () => {
      expect(setup().cache.set("k", "v", { expires_at: START })).toEqual({ type: "error", code: "ItemAlreadyExpired" });
    });

    it.each([Number.NaN, Number.POSITIVE_INFINITY])("refuses a non-finite ttl (%s)", (ttl) => {
      expect(setup().cache.set("k", "v", { ttl })).toEqual({ type: "error", code: "InvalidExpiry" });
    });
  });

  describe("set limits", () => {
    it("refuses a key over 64 bytes", () => {
      const { cache } = setup();
      expect(cache.set("k".repeat(64), "v").type).toBe("success");
      expect(cache.set("é".repeat(33), "v")).toEqual({ type: "error", code: "CacheKeySizeExceeded" });
    });

    it("refuses a value over 4096 bytes", () => {
      const { cache } = setup();
      expect(cache.set("k", "v".repeat(4096)).type).toBe("success");
      expect(cache.set("k", "v".repeat(4097))).toEqual({ type: "error", code: "CacheValueSizeExceeded" });
    });

    it("refuses a 21st entry", () => {
      const { cache } = setup();
      for (let i = 0; i < CACHE_LIMITS.entries; i++) expect(cache.set(`k${i}`, "v").type).toBe("success");
      expect(cache.set("one-more", "v")).toEqual({ type: "error", code: "CacheSizeExceeded" });
      expect(cache.set("k0", "replaced").type).toBe("success");
    });

    it("refuses to grow past 8 kB of keys and values", () => {
      const { cache } = setup();
      expect(cache.set("a", "x".repeat(4000)).type).toBe("success");
      expect(cache.set("b", "x".repeat(4000)).type).toBe("success");
      expect(cache.set("c", "x".repeat(200))).toEqual({ type: "error", code: "CacheSizeExceeded" });
      expect(cache.set("a", "x".repeat(4096)).type).toBe("success");
    });

    it("does not count expired records", () => {
      const { cache, advance } = setup();
      cache.set("a", "x".repeat(4000), { ttl: 10 });
      cache.set("b", "x".repeat(4000), { ttl: 10 });
      advance(10);
      expect(cache.set("c", "x".repeat(4000)).type).toBe("success");
    });

    it("throws on a value that is not a string", () => {
      expect(() => setup().cache.set("k", 42 as unknown as string)).toThrow(TypeError);
    });
  });

  describe("delete", () => {
    it("removes a live record", () => {
      const { cache } = setup();
      cache.set("k", "v");
      expect(cache.delete("k")).toEqual({ type: "success" });
      expect(cache.get("k")).toBeUndefined();
    });

    it("reports a missing or expired key", () => {
      const { cache, advance } = setup();
      expect(cache.delete("k")).toEqual({ type: "error", code: "CacheKeyDoesNotExist" });
      cache.set("k", "v", { ttl: 5 });
      advance(5);
      expect(cache.delete("k")).toEqual({ type: "error", code: "CacheKeyDoesNotExist" });
    });
  });
});
