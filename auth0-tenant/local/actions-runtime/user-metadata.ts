import { ActionsRuntimeError } from "./errors";
import type { UserMetadataPatch } from "./types";

export type MetadataKind = keyof UserMetadataPatch;

/** Auth0 persists at most 32 kB of each metadata object per login. */
export const MAX_METADATA_BYTES = 32 * 1024;

// Auth0's exact texts; note the period only on the second.
const FORMAT_ERRORS: Record<MetadataKind, string> = {
  app_metadata: "Unexpected app_metadata format. Must be a valid JSON object",
  user_metadata: "Unexpected user_metadata format. Must be a valid JSON object.",
};

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** What the Management API does with a metadata PATCH: first-level merge, `null` deletes. */
export function mergeMetadata(base: unknown, patch: Record<string, unknown> | undefined): unknown {
  if (!patch || Object.keys(patch).length === 0) return structuredClone(base);
  const merged: Record<string, unknown> = isPlainObject(base) ? structuredClone(base) : {};
  for (const [key, value] of Object.entries(patch)) {
    if (value === null) delete merged[key];
    else merged[key] = structuredClone(value);
  }
  return merged;
}

export interface MetadataWrite {
  kind: MetadataKind;
  key: unknown;
  /** Already a JSON value (the api clones it through JSON before it gets here). */
  value: unknown;
  /** The calling Action's `event.user[kind]`, which Auth0 checks for shape. */
  eventMetadata: unknown;
  /** The stored user's metadata, which the server will patch. */
  storedMetadata: unknown;
}

/** Adds one `setAppMetadata`/`setUserMetadata` call to the login's pending patch (mutated in place). */
export function recordMetadataWrite(patch: UserMetadataPatch, write: MetadataWrite): void {
  if (!isPlainObject(write.eventMetadata)) throw new Error(FORMAT_ERRORS[write.kind]);
  if (typeof write.key !== "string" || write.key === "") {
    throw new TypeError(`The ${write.kind} key must be a non-empty string.`);
  }
  const next = { ...patch[write.kind], [write.key]: write.value };
  const size = Buffer.byteLength(JSON.stringify(mergeMetadata(write.storedMetadata, next)), "utf8");
  if (size > MAX_METADATA_BYTES) {
    throw new ActionsRuntimeError(
      "ERR_ACTION_METADATA_TOO_LARGE",
      `Setting ${write.kind}.${write.key} would make ${write.kind} ${size} bytes; Auth0 persists at most ${MAX_METADATA_BYTES} bytes (32 kB) per login.`,
    );
  }
  patch[write.kind] = next;
}
