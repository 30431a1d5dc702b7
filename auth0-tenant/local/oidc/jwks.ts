import { jsonReply, type Reply } from "../http/reply";
import type { Tenant } from "../tenant";

/**
 * `/.well-known/jwks.json`, as Auth0 publishes it: the current and the next key, and a previously used key until it is
 * revoked, each with its `kid`, `x5c` (its self-signed certificate) and `x5t` (that certificate's SHA-1).
 */
export function jwks(tenant: Tenant): Reply {
  const keys = tenant.stores.signingKeys.published().map((key) => key.publicJwk);
  return jsonReply(200, { keys }, { "cache-control": "no-cache" });
}
