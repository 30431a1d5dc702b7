import { createSecretKey, type KeyObject } from "node:crypto";

/**
 * The HS256 key shared with the Action. Auth0's `encodeToken`/`validateToken` use the secret's UTF-8 bytes.
 * Made once per process; signing and verifying with it are synchronous (Node's HMAC, no Web Crypto job).
 *
 * @example
 * const key = redirectTokenKey(config.redirectTokenSecret);
 */
export function redirectTokenKey(secret: string): KeyObject {
  return createSecretKey(Buffer.from(secret, "utf8"));
}
