import { PRODUCT_API } from "../../contract/product-api";
import { accessTokenErrorResponse } from "../api-auth/bearer-response";
import { AccessTokenError, isAccessTokenError } from "../api-auth/errors";
import { machineClientRefusal } from "../api-auth/machine-client";
import { hasCode } from "../errors/has-code";
import { type AccessRequirement, type AccessTokenOptions, verifyAccessToken } from "../api-auth/verify-access-token";
import type { DatabaseUnavailableError } from "../database/errors";
import type { BusinessDataStore } from "./business-data-store";

/** Who may read business data: a machine client granted `read:users` on the product API (the business-data Action's). */
export const READ_USERS: AccessRequirement = { scope: PRODUCT_API.scopes.readUsers };

const MAX_EMAIL_LENGTH = 254;
const PATH = /^\/api\/users\/([^/]+)$/;

export interface UsersApiDependencies {
  store: BusinessDataStore;
  accessTokens: AccessTokenOptions;
  /** The machine clients (`azp`) allowed; absent or `null`: any client the tenant grants `read:users` on the API. */
  allowedClients?: readonly string[] | null;
}

function json(status: number, body: unknown, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { "content-type": "application/json; charset=utf-8", "cache-control": "no-store", ...headers },
  });
}

/**
 * `GET /api/users/{email}`: a customer's business data (`{email, plan, company, accountManager, seats}`), 404 for
 * an unknown email. Only for a client-credentials access token of the tenant for the product API with `read:users`
 * (`gty` and `azp`, see `machineClientRefusal`; 401/403 with `WWW-Authenticate` otherwise): without RBAC, Auth0 gives a user any scope of an API the login asks
 * for, so a user's token is refused whatever its scopes.
 *
 * @example
 * // app/api/users/[email]/route.ts
 * export const GET = createUsersApi({ store, accessTokens });
 */
export function createUsersApi(dependencies: UsersApiDependencies): (request: Request) => Promise<Response> {
  const { store, accessTokens, allowedClients } = dependencies;
  const refuse = (error: AccessTokenError) => accessTokenErrorResponse(error, { realm: accessTokens.audience, scope: READ_USERS.scope });
  return async (request) => {
    try {
      const principal = await verifyAccessToken(request.headers.get("authorization"), READ_USERS, accessTokens);
      const refusal = machineClientRefusal(principal, allowedClients ?? null);
      if (refusal) return refuse(new AccessTokenError("insufficient_scope", refusal));
    } catch (error) {
      if (isAccessTokenError(error)) return refuse(error);
      throw error;
    }
    const email = emailOf(new URL(request.url).pathname);
    if ("problem" in email) return json(400, { error: "invalid_request", error_description: email.problem });
    let data;
    try {
      data = await store.findByEmail(email.email);
    } catch (error) {
      if (hasCode<DatabaseUnavailableError>(error, "ledger_unavailable")) {
        return json(503, { error: "temporarily_unavailable", error_description: "The database is not reachable; try again." }, { "retry-after": "5" });
      }
      throw error;
    }
    if (!data) return json(404, { error: "not_found", error_description: "No business data for this user." });
    return json(200, data);
  };
}

const PATH_FORMAT = "The path must be /api/users/{email}, the email URL-encoded.";

/** The email of `/api/users/{email}`, decoded, or what is wrong with it: only what the database can hold passes. */
function emailOf(pathname: string): { email: string } | { problem: string } {
  const segment = PATH.exec(pathname)?.[1];
  if (!segment) return { problem: PATH_FORMAT };
  let email: string;
  try {
    email = decodeURIComponent(segment);
  } catch {
    return { problem: `${PATH_FORMAT} Its percent-encoding is not valid UTF-8.` };
  }
  if (email.length > MAX_EMAIL_LENGTH) return { problem: `The email must be at most ${MAX_EMAIL_LENGTH} characters.` };
  // PostgreSQL text cannot hold NUL, and no email has control characters.
  if (/[\u0000-\u001f\u007f]/.test(email)) return { problem: "The email must not contain control characters." };
  const at = email.lastIndexOf("@");
  if (at <= 0 || at === email.length - 1 || /[\s/]/.test(email)) return { problem: "The email must be one address: local-part@domain, without spaces." };
  return { email };
}
