import { jsonReply, type Reply } from "../http/reply";
import type { Tenant } from "../tenant";

/** `/.well-known/jwks.json`: the public half of the signing key, with its `kid`. */
export function jwks(tenant: Tenant): Reply {
  return jsonReply(200, { keys: [tenant.stores.signingKey.publicJwk] }, { "cache-control": "no-cache" });
}
