import { createHmac, timingSafeEqual, type KeyObject } from "node:crypto";

/**
 * The compact JWS of the tokens the Action and the app exchange, HS256 only, on Node's HMAC: synchronous, where
 * Web Crypto (jose) queues a job per signature, which cost ten times the HMAC itself on the consent step's hot path.
 * The claims are the caller's to check; jose stays the tests' oracle for both directions.
 */

/** A base64url segment as RFC 7515 writes it: no padding, no other character (Node's decoder would skip them). */
const SEGMENT = /^[A-Za-z0-9_-]+$/;
const SIGNATURE_BYTES = 32;
const HEADER = Buffer.from(JSON.stringify({ alg: "HS256", typ: "JWT" })).toString("base64url");

/** Why a compact token was refused before its claims were read. */
export type Hs256Refusal = "malformed" | "alg_not_allowed" | "bad_signature";

/** `header.payload.signature` of `payload`, with the header `{"alg":"HS256","typ":"JWT"}`. */
export function signHs256(payload: object, key: KeyObject): string {
  const signingInput = `${HEADER}.${Buffer.from(JSON.stringify(payload)).toString("base64url")}`;
  return `${signingInput}.${hmac(signingInput, key).toString("base64url")}`;
}

/**
 * The payload of a compact JWS whose header says HS256 and whose signature verifies with `key`; otherwise why not.
 * A header with `crit` is refused: no extension is understood here.
 *
 * @example
 * const verified = verifyHs256(token, key);
 * if ("refused" in verified) throw new Error(verified.refused);
 */
export function verifyHs256(token: string, key: KeyObject): { payload: Record<string, unknown> } | { refused: Hs256Refusal } {
  const segments = token.split(".");
  if (segments.length !== 3) return { refused: "malformed" };
  const [header, payload, signature] = segments as [string, string, string];
  const protectedHeader = SEGMENT.test(header) ? jsonObjectOf(header) : undefined;
  if (!protectedHeader || typeof protectedHeader.alg !== "string" || "crit" in protectedHeader) return { refused: "malformed" };
  // Before the other segments: an unsecured token (alg "none") has an empty signature.
  if (protectedHeader.alg !== "HS256") return { refused: "alg_not_allowed" };
  if (!SEGMENT.test(payload) || !SEGMENT.test(signature)) return { refused: "malformed" };
  const given = Buffer.from(signature, "base64url");
  if (given.length !== SIGNATURE_BYTES || !timingSafeEqual(given, hmac(`${header}.${payload}`, key))) return { refused: "bad_signature" };
  const claims = jsonObjectOf(payload);
  return claims ? { payload: claims } : { refused: "malformed" };
}

function hmac(signingInput: string, key: KeyObject): Buffer {
  return createHmac("sha256", key).update(signingInput).digest();
}

function jsonObjectOf(segment: string): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(Buffer.from(segment, "base64url").toString("utf8"));
    return typeof value === "object" && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}
