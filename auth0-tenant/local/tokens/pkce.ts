import { createHash, timingSafeEqual } from "node:crypto";

/** RFC 7636 §4.1–4.2: 43 to 128 characters of the unreserved set. */
const PKCE_VALUE = /^[A-Za-z0-9\-._~]{43,128}$/;

export function isWellFormedPkceValue(value: string): boolean {
  return PKCE_VALUE.test(value);
}

/** S256 only: BASE64URL(SHA256(verifier)) must equal the challenge, compared in constant time. */
export function verifyPkce(verifier: string, challenge: string): boolean {
  const actual = Buffer.from(createHash("sha256").update(verifier, "ascii").digest("base64url"));
  const expected = Buffer.from(challenge);
  return actual.length === expected.length && timingSafeEqual(actual, expected);
}
