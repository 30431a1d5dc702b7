import { ManagementApiError, TenantError } from "../errors";
import { bearerToken } from "../http/bearer-token";
import type { HttpRequest } from "../http/request";
import type { Tenant } from "../tenant";
import type { ManagementScope } from "./management-scopes";

export interface ManagementCaller {
  scopes: Set<string>;
  /** `CLIENT_ID@clients` for a client-credentials token. */
  subject: string;
}

/** A Management API token (audience one of the tenant's Management API audiences, verified) carrying any one of `anyOf`. */
export async function authorizeManagement(
  tenant: Tenant,
  req: HttpRequest,
  anyOf: ManagementScope[],
): Promise<ManagementCaller> {
  const token = bearerToken(req.headers.authorization);
  if (!token) throw new ManagementApiError("missing_authentication", "Missing authentication", 401);
  let payload;
  try {
    payload = await tenant.signer.verify(token, tenant.managementAudiences);
  } catch (error) {
    throw new ManagementApiError("invalid_token", error instanceof TenantError ? error.message : "Invalid token", 401);
  }
  const scopes = new Set(typeof payload.scope === "string" ? payload.scope.split(" ") : []);
  if (!anyOf.some((scope) => scopes.has(scope))) {
    throw new ManagementApiError("insufficient_scope", `Insufficient scope, expected any of: ${anyOf.join(",")}`, 403);
  }
  return { scopes, subject: String(payload.sub ?? "") };
}

/** For the endpoints Auth0 guards with several scopes at once (rotating signing keys takes create and update). */
export function requireAllScopes(caller: ManagementCaller, allOf: ManagementScope[]): void {
  if (!allOf.every((scope) => caller.scopes.has(scope))) {
    throw new ManagementApiError("insufficient_scope", `Insufficient scope, expected all of: ${allOf.join(",")}`, 403);
  }
}
