import { ManagementApiError } from "../errors";
import type { HttpRequest } from "../http/request";
import { jsonReply, type Reply } from "../http/reply";
import { SigningKeyError, type SigningKey } from "../store/keys";
import type { Tenant } from "../tenant";
import { authorizeManagement, requireAllScopes } from "./authorize-management";
import { notFound } from "./validation";

/** `GET /api/v2/keys/signing`: every key, the revoked ones included (Auth0 keeps the last three). */
export async function listSigningKeys(tenant: Tenant, req: HttpRequest): Promise<Reply> {
  await authorizeManagement(tenant, req, ["read:signing_keys"]);
  return jsonReply(200, tenant.stores.signingKeys.list().map(signingKeyView));
}

export async function getSigningKey(tenant: Tenant, req: HttpRequest): Promise<Reply> {
  await authorizeManagement(tenant, req, ["read:signing_keys"]);
  const key = tenant.stores.signingKeys.find(req.params.kid ?? "");
  if (!key) throw notFound("Signing key not found", "inexistent_key");
  return jsonReply(200, signingKeyView(key));
}

/** `POST /api/v2/keys/signing/rotate`: the next key starts signing; the answer is the new next key (201). */
export async function rotateSigningKey(tenant: Tenant, req: HttpRequest): Promise<Reply> {
  requireAllScopes(await authorizeManagement(tenant, req, ["create:signing_keys"]), ["create:signing_keys", "update:signing_keys"]);
  const next = await tenant.stores.signingKeys.rotate();
  tenant.log(`management API: signing keys rotated; current ${tenant.stores.signingKeys.current().kid}, next ${next.kid}`);
  return jsonReply(201, { cert: next.cert, kid: next.kid });
}

/** `PUT /api/v2/keys/signing/{kid}/revoke`: only a previously used key; it leaves the JWKS, its tokens stop verifying. */
export async function revokeSigningKey(tenant: Tenant, req: HttpRequest): Promise<Reply> {
  await authorizeManagement(tenant, req, ["update:signing_keys"]);
  try {
    const key = await tenant.stores.signingKeys.revoke(req.params.kid ?? "");
    tenant.log(`management API: signing key ${key.kid} revoked`);
    return jsonReply(200, { cert: key.cert, kid: key.kid });
  } catch (error) {
    if (error instanceof SigningKeyError && error.code === "ERR_SIGNING_KEY_NOT_FOUND") throw notFound(error.message, "inexistent_key");
    if (error instanceof SigningKeyError && error.code === "ERR_SIGNING_KEY_NOT_REVOCABLE") throw new ManagementApiError("invalid_request", error.message, 400);
    throw error;
  }
}

/** Auth0's `SigningKeys` shape: every flag present, the dates only once they happened. */
function signingKeyView(key: SigningKey) {
  return {
    kid: key.kid,
    cert: key.cert,
    pkcs7: key.pkcs7,
    fingerprint: key.fingerprint,
    thumbprint: key.thumbprint,
    current: key.role === "current",
    next: key.role === "next",
    previous: key.role === "previous",
    revoked: key.role === "revoked",
    ...(key.currentSince ? { current_since: key.currentSince } : {}),
    ...(key.currentUntil ? { current_until: key.currentUntil } : {}),
    ...(key.revokedAt ? { revoked_at: key.revokedAt } : {}),
  };
}
