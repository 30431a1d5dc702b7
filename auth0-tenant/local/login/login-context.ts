import { randomBytes } from "node:crypto";
import type { GeoIp } from "../../../contract/post-login";
import type { ActionRequest, LoginContext, TransactionProtocol } from "../actions-runtime/types";
import type { HttpRequest } from "../http/request";
import type { StoredClient } from "../store/clients";
import { DATABASE_CONNECTION } from "../store/users";
import type { Authentication, AuthorizeRequest } from "./types";

/** `event.tenant.id` of the local tenant. */
const LOCAL_TENANT_ID = "local";

const DATABASE_CONNECTION_INFO = { id: "con_local_database", name: DATABASE_CONNECTION, strategy: "auth0" };

/**
 * `event.request` for the HTTP request at hand (the `/authorize`, login form, `/continue` or `/oauth/token` one);
 * `geoip` is the tenant's table entry for `req.ip`.
 */
export function toActionRequest(
  req: HttpRequest,
  query: Record<string, string>,
  body: Record<string, string>,
  geoip: GeoIp,
): ActionRequest {
  return {
    ip: req.ip,
    hostname: req.host,
    method: req.method,
    query,
    body,
    ...(req.userAgent ? { user_agent: req.userAgent } : {}),
    ...(req.language ? { language: req.language } : {}),
    geoip,
  };
}

/**
 * `event.request` while a browser login runs `onExecutePostLogin`: the `/authorize` request (its query, method GET)
 * from the address, host and agent of the request at hand (the login form, or the one-time code page).
 */
export function authorizeActionRequest(req: HttpRequest, request: AuthorizeRequest, geoip: GeoIp): ActionRequest {
  return { ...toActionRequest(req, request.query, {}, geoip), method: "GET" };
}

export interface LoginContextInput {
  protocol: TransactionProtocol;
  client: StoredClient;
  request: ActionRequest;
  authentication: Authentication;
  /** Browser logins: the validated `/authorize` request. */
  authorize?: AuthorizeRequest;
  /** Refresh exchanges: the scopes and audience of the grant. */
  scopes?: string[];
  audience?: string;
  refreshToken?: LoginContext["refresh_token"];
}

export function buildLoginContext(input: LoginContextInput): LoginContext {
  const { authorize } = input;
  const audience = authorize?.audience ?? input.audience;
  const prompt = authorize?.prompt;
  const context: LoginContext = {
    tenant: { id: LOCAL_TENANT_ID },
    client: { client_id: input.client.client_id, name: input.client.name, metadata: { ...input.client.client_metadata } },
    connection: { ...DATABASE_CONNECTION_INFO },
    request: input.request,
    transaction: {
      id: randomBytes(16).toString("base64url"),
      protocol: input.protocol,
      ...(authorize?.state === undefined ? {} : { state: authorize.state }),
      ...(authorize ? { redirect_uri: authorize.redirectUri, response_mode: authorize.responseMode } : {}),
      requested_scopes: authorize?.scopes ?? input.scopes ?? [],
      response_type: authorize ? responseTypeWords(authorize.responseType) : [],
      prompt: prompt ? [prompt] : [],
      locale: authorize?.uiLocales[0] ?? "en",
      ui_locales: authorize?.uiLocales ?? [],
    },
    authentication: { methods: input.authentication.methods.map((method) => ({ ...method })) },
  };
  if (audience) context.resource_server = { identifier: audience };
  if (input.refreshToken) context.refresh_token = input.refreshToken;
  return context;
}

function responseTypeWords(type: AuthorizeRequest["responseType"]): string[] {
  return [...(type.code ? ["code"] : []), ...(type.idToken ? ["id_token"] : []), ...(type.accessToken ? ["token"] : [])];
}
