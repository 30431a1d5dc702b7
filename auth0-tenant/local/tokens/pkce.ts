import { createHash, timingSafeEqual } from "node:crypto";

/** RFC 7636 §4.1–4.2: 43 to 128 characters of the unreserved set. */
const PKCE_VALUE = /^[A-Za-z0-9\-._~]{43,128}$/;

export function isWellFormedPkceValue(value: string): boolean {
  return PKCE_VALUE.test(value);
}

/** Auth0 accepts both (its discovery: `code_challenge_methods_supported: ["S256","plain"]`). */
export const PKCE_METHODS = ["S256", "plain"] as const;
export type PkceMethod = (typeof PKCE_METHODS)[number];

export function isPkceMethod(value: string): value is PkceMethod {
  return (PKCE_METHODS as readonly string[]).includes(value);
}

/** S256: BASE64URL(SHA256(verifier)) must equal the challenge; plain: the verifier itself. Compared in constant time. */
export function verifyPkce(verifier: string, challenge: string, method: PkceMethod): boolean {
  const actual = Buffer.from(method === "S256" ? createHash("sha256").update(verifier, "ascii").digest("base64url") : verifier);
  const expected = Buffer.from(challenge);
  return actual.length === expected.length && timingSafeEqual(actual, expected);
}
