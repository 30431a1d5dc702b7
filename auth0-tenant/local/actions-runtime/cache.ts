import type { ActionsCacheStore } from "./types";

export interface CacheRecord {
  value: string;
  expires_at: number;
}

export type CacheErrorCode =
  | "CacheKeySizeExceeded"
  | "CacheValueSizeExceeded"
  | "CacheSizeExceeded"
  | "ItemAlreadyExpired"
  | "InvalidExpiry"
  | "CacheKeyDoesNotExist";

export type CacheSetResult = { type: "success"; record: CacheRecord } | { type: "error"; code: CacheErrorCode };
export type CacheDeleteResult = { type: "success" } | { type: "error"; code: CacheErrorCode };

export interface CacheSetOptions {
  /** Milliseconds from now. */
  ttl?: number;
  /** Milliseconds since the epoch. */
  expires_at?: number;
}

/** `api.cache` as Actions see it. */
export interface CacheApi {
  get(key: string): CacheRecord | undefined;
  set(key: string, value: string, options?: CacheSetOptions): CacheSetResult;
  delete(key: string): CacheDeleteResult;
}

export const CACHE_LIMITS = {
  keyBytes: 64,
  valueBytes: 4096,
  totalBytes: 8 * 1024,
  entries: 20,
  defaultTtlMs: 15 * 60 * 1000,
  maxTtlMs: 24 * 60 * 60 * 1000,
} as const;

/** The per-trigger store the server keeps across executions. */
export function createActionsCache(): ActionsCacheStore {
  const records = new Map<string, CacheRecord>();
  return {
    get: (key) => records.get(key),
    set: (key, record) => void records.set(key, record),
    delete: (key) => records.delete(key),
    entries: () => [...records.entries()],
  };
}

const bytes = (text: string) => Buffer.byteLength(text, "utf8");
const isFiniteNumber = (value: unknown): value is number => typeof value === "number" && Number.isFinite(value);

/** Earliest of `ttl` and `expires_at` wins (Auth0's rule), default 15 min, capped at Auth0's 24 h maximum. */
function expiryOf(options: CacheSetOptions | undefined, now: number): number | "InvalidExpiry" {
  const candidates: number[] = [];
  if (options?.ttl !== undefined) {
    if (!isFiniteNumber(options.ttl)) return "InvalidExpiry";
    candidates.push(now + Math.floor(options.ttl));
  }
  if (options?.expires_at !== undefined) {
    if (!isFiniteNumber(options.expires_at)) return "InvalidExpiry";
    candidates.push(Math.floor(options.expires_at));
  }
  const requested = candidates.length > 0 ? Math.min(...candidates) : now + CACHE_LIMITS.defaultTtlMs;
  return Math.min(requested, now + CACHE_LIMITS.maxTtlMs);
}

/**
 * `api.cache` over the trigger's store, on the injected clock. Expired records are invisible (and count toward no
 * limit); writes apply to the store at once, so a later Action in the same login reads them.
 */
export function createCacheApi(store: ActionsCacheStore, now: () => number): CacheApi {
  const liveEntries = (at: number) => store.entries().filter(([, record]) => record.expires_at > at);

  return {
    get(key) {
      const record = store.get(key);
      return record && record.expires_at > now() ? { ...record } : undefined;
    },

    set(key, value, options) {
      if (typeof key !== "string") throw new TypeError("api.cache.set: the key must be a string.");
      if (typeof value !== "string") throw new TypeError("api.cache.set: the value must be a string.");
      if (bytes(key) > CACHE_LIMITS.keyBytes) return { type: "error", code: "CacheKeySizeExceeded" };
      if (bytes(value) > CACHE_LIMITS.valueBytes) return { type: "error", code: "CacheValueSizeExceeded" };

      const at = now();
      const others = liveEntries(at).filter(([otherKey]) => otherKey !== key);
      const othersBytes = others.reduce((total, [otherKey, record]) => total + bytes(otherKey) + bytes(record.value), 0);
      if (others.length >= CACHE_LIMITS.entries || othersBytes + bytes(key) + bytes(value) > CACHE_LIMITS.totalBytes) {
        return { type: "error", code: "CacheSizeExceeded" };
      }

      const expiresAt = expiryOf(options, at);
      if (expiresAt === "InvalidExpiry") return { type: "error", code: "InvalidExpiry" };
      if (expiresAt <= at) return { type: "error", code: "ItemAlreadyExpired" };
      if (!Number.isSafeInteger(expiresAt)) return { type: "error", code: "InvalidExpiry" };

      for (const [staleKey, record] of store.entries()) if (record.expires_at <= at) store.delete(staleKey);
      const record = { value, expires_at: expiresAt };
      store.set(key, record);
      return { type: "success", record: { ...record } };
    },

    delete(key) {
      const record = store.get(key);
      if (!record || record.expires_at <= now()) return { type: "error", code: "CacheKeyDoesNotExist" };
      store.delete(key);
      return { type: "success" };
    },
  };
}
