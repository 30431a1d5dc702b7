import { timingSafeEqual } from "node:crypto";
import { OAuthError } from "../errors";
import type { HttpRequest } from "../http/request";
import type { StoredClient } from "../store/clients";
import type { Tenant } from "../tenant";

/** Auth0's answer to every failed client authentication: 401 `access_denied`, "Unauthorized". */
function unauthorized(reason: string): OAuthError {
  return new OAuthError("access_denied", "Unauthorized", 401, reason);
}

/**
 * Client authentication at the token and revocation endpoints: `client_secret_basic` or `client_secret_post`
 * (either is accepted whatever the client's configured method), or no secret for a public client (`none`).
 */
export function authenticateClient(tenant: Tenant, req: HttpRequest, fields: Record<string, string>): StoredClient {
  const basic = parseBasic(req.headers.authorization);
  if (basic && fields.client_secret !== undefined) {
    throw new OAuthError("invalid_request", "Use one client authentication method, not both Basic and client_secret.");
  }
  const clientId = basic?.id ?? fields.client_id;
  const secret = basic?.secret ?? fields.client_secret;
  if (!clientId) throw unauthorized("Client authentication is required (client_id is missing).");
  if (basic && fields.client_id !== undefined && fields.client_id !== basic.id) {
    throw new OAuthError("invalid_request", "client_id in the body differs from the one in the Authorization header.");
  }
  const client = tenant.stores.clients.get(clientId);
  if (!client) throw unauthorized(`Unknown client: ${clientId}`);
  if (secret === undefined) {
    if (client.token_endpoint_auth_method === "none") return client;
    throw unauthorized(`Client authentication is required: client_secret is missing, and client ${clientId} is not a public one (token_endpoint_auth_method ${client.token_endpoint_auth_method}).`);
  }
  if (!sameSecret(secret, client.client_secret)) {
    throw unauthorized(`Wrong client secret for client ${clientId}.`);
  }
  return client;
}

function parseBasic(header: string | undefined): { id: string; secret: string } | undefined {
  if (!header?.toLowerCase().startsWith("basic ")) return undefined;
  const decoded = Buffer.from(header.slice(6).trim(), "base64").toString("utf8");
  const colon = decoded.indexOf(":");
  if (colon < 0) throw unauthorized("Malformed Basic authorization header.");
  try {
    // RFC 6749 §2.3.1: both parts are form-urlencoded before being joined.
    return {
      id: decodeURIComponent(decoded.slice(0, colon).replaceAll("+", " ")),
      secret: decodeURIComponent(decoded.slice(colon + 1).replaceAll("+", " ")),
    };
  } catch {
    throw unauthorized("Malformed Basic authorization header.");
  }
}

function sameSecret(actual: string, expected: string): boolean {
  const a = Buffer.from(actual);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}
