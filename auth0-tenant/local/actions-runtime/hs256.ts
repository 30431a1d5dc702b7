import { createHmac, timingSafeEqual } from "node:crypto";

/** The JOSE header `api.redirect.encodeToken` always uses. */
export const HS256_HEADER = { alg: "HS256", typ: "JWT" } as const;

export function base64UrlJson(value: unknown): string {
  return Buffer.from(JSON.stringify(value), "utf8").toString("base64url");
}

/** HMAC-SHA256 of the JWS signing input, keyed with the UTF-8 bytes of the secret (as `jose` and Auth0 do). */
export function hs256Signature(signingInput: string, secret: string): Buffer {
  return createHmac("sha256", Buffer.from(secret, "utf8")).update(signingInput).digest();
}

export function signHs256(claims: Record<string, unknown>, secret: string): string {
  const signingInput = `${base64UrlJson(HS256_HEADER)}.${base64UrlJson(claims)}`;
  return `${signingInput}.${hs256Signature(signingInput, secret).toString("base64url")}`;
}

export function hs256SignatureMatches(signingInput: string, signature: string, secret: string): boolean {
  const expected = hs256Signature(signingInput, secret);
  const actual = Buffer.from(signature, "base64url");
  return actual.length === expected.length && timingSafeEqual(actual, expected);
}
