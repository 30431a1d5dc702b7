import { createSecretKey, type KeyObject } from "node:crypto";

/**
 * The HS256 key shared with the Action. Auth0's `encodeToken`/`validateToken` use the secret's UTF-8 bytes.
 * Import it once per process: handing jose the raw secret on every call costs a key import each time.
 */
export function importRedirectTokenKey(secret: string): KeyObject {
  return createSecretKey(Buffer.from(secret, "utf8"));
}
