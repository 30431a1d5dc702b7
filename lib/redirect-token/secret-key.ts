/**
 * The HS256 key shared with the Action. Auth0's `encodeToken`/`validateToken` use the secret's UTF-8 bytes.
 * Import it once per process: jose turns a raw secret or a `KeyObject` into a `CryptoKey` on every call, which costs
 * as much as the signature itself.
 *
 * @example
 * const key = await importRedirectTokenKey(config.redirectTokenSecret);
 */
export function importRedirectTokenKey(secret: string): Promise<CryptoKey> {
  return crypto.subtle.importKey("raw", new TextEncoder().encode(secret), { name: "HMAC", hash: "SHA-256" }, false, ["sign", "verify"]);
}
