import { PageError } from "../errors";
import type { HttpRequest } from "../http/request";
import type { AuthorizeRequest } from "../login/types";
import type { Tenant } from "../tenant";
import { isPkceMethod, isWellFormedPkceValue, PKCE_METHODS } from "../tokens/pkce";
import { parseScope } from "../tokens/grantable-scopes";
import { carriesTokens, parseResponseType, RESPONSE_MODES, RESPONSE_TYPES, responseModeFor, unknownResponseMode } from "./response-type";

export type AuthorizeParse =
  | { ok: true; request: AuthorizeRequest }
  /** An error the application receives at its (validated) redirect_uri. */
  | { ok: false; request: AuthorizeRequest; error: string; description: string };

const SINGLE_VALUED = [
  "client_id", "redirect_uri", "response_type", "response_mode", "state", "nonce", "scope", "audience", "prompt",
  "code_challenge", "code_challenge_method", "max_age", "login_hint", "screen_hint", "ui_locales",
];

/**
 * Validates `/authorize`. Until the client and its redirect_uri are known good, errors are a 400 page (never a
 * redirect to an unverified URL); after that they go back to the application, Auth0-style.
 */
export function parseAuthorizeRequest(tenant: Tenant, req: HttpRequest): AuthorizeParse {
  const q = req.query;
  for (const name of ["client_id", "redirect_uri"]) {
    if (req.searchParams.getAll(name).length > 1) {
      throw new PageError("invalid_request", `The parameter ${name} was given more than once.`);
    }
  }
  if (!q.client_id) throw new PageError("invalid_request", "Missing required parameter: client_id");
  const client = tenant.stores.clients.get(q.client_id);
  if (!client) throw new PageError("invalid_request", `Unknown client: ${q.client_id}`);
  if (!q.redirect_uri) throw new PageError("invalid_request", "Missing required parameter: redirect_uri");
  if (!client.callbacks.includes(q.redirect_uri)) {
    throw new PageError(
      "unauthorized_client",
      "Callback URL mismatch. The provided redirect_uri is not in the list of allowed callback URLs. Please go to the Application Settings page and make sure you are sending a valid callback url from your application.",
      `${q.redirect_uri} is not in the list of allowed callback URLs of the application "${client.name}": ${client.callbacks.join(", ") || "(none)"}`,
    );
  }

  const responseType = parseResponseType(q.response_type);
  const audience = q.audience || tenant.stores.tenantSettings.defaultAudience();
  const request: AuthorizeRequest = {
    clientId: client.client_id,
    redirectUri: q.redirect_uri,
    responseType: responseType ?? { code: true, idToken: false, accessToken: false },
    responseMode: responseModeFor(client, q.redirect_uri, responseType, q.response_mode),
    ...(q.state === undefined ? {} : { state: q.state }),
    ...(q.nonce === undefined ? {} : { nonce: q.nonce }),
    scopes: parseScope(q.scope),
    ...(audience ? { audience } : {}),
    codeChallenge: q.code_challenge ?? "",
    codeChallengeMethod: q.code_challenge_method === "S256" ? "S256" : "plain",
    ...(q.prompt === "none" || q.prompt === "login" ? { prompt: q.prompt } : {}),
    ...(q.max_age !== undefined && /^\d+$/.test(q.max_age) ? { maxAge: Number(q.max_age) } : {}),
    ...(q.login_hint ? { loginHint: q.login_hint } : {}),
    ...(q.screen_hint === "signup" ? { screenHint: "signup" as const } : {}),
    uiLocales: (q.ui_locales ?? "").split(" ").filter((locale) => locale.length > 0),
    query: { ...q },
  };
  const fail = (error: string, description: string): AuthorizeParse => ({ ok: false, request, error, description });

  const repeated = SINGLE_VALUED.find((name) => req.searchParams.getAll(name).length > 1);
  if (repeated) return fail("invalid_request", `The parameter ${repeated} was given more than once.`);
  const unknownMode = unknownResponseMode(q.response_mode);
  if (unknownMode) {
    return fail("invalid_request", `Unsupported response_mode: ${unknownMode} (Auth0 supports ${RESPONSE_MODES.join(", ")}).`);
  }
  if (!responseType) {
    return fail("unsupported_response_type", `Unsupported response type: ${q.response_type ?? "(none)"} (Auth0 supports ${RESPONSE_TYPES.join(", ")}).`);
  }
  if (responseType.code && !client.grant_types.includes("authorization_code")) {
    return fail("unauthorized_client", `The application "${client.name}" is not allowed the authorization_code grant.`);
  }
  // Tokens straight from /authorize are the implicit grant's (alone or in a hybrid response), as on Auth0.
  if (carriesTokens(responseType) && !client.grant_types.includes("implicit")) {
    return fail("unauthorized_client", `Grant type 'implicit' not allowed for the client.`);
  }
  // An ID token from the authorization endpoint could be replayed without one (OIDC Core §3.2.2.1, §3.3.2.11).
  if (responseType.idToken && q.nonce === undefined) {
    return fail("invalid_request", "Missing required parameter: nonce (required when response_type includes id_token).");
  }
  if (responseType.idToken && !request.scopes.includes("openid")) {
    return fail("invalid_request", "response_type id_token needs the openid scope.");
  }
  // A public client cannot authenticate at the token endpoint: without PKCE its code would be anyone's.
  if (responseType.code && !q.code_challenge && client.token_endpoint_auth_method === "none") {
    return fail("invalid_request", "PKCE is required for this application (it has no client secret): missing code_challenge.");
  }
  if (q.code_challenge && q.code_challenge_method !== undefined && !isPkceMethod(q.code_challenge_method)) {
    return fail("invalid_request", `code_challenge_method must be one of ${PKCE_METHODS.join(", ")} (got ${q.code_challenge_method}).`);
  }
  if (q.code_challenge && !isWellFormedPkceValue(q.code_challenge)) {
    return fail("invalid_request", "code_challenge must be 43 to 128 characters of [A-Za-z0-9-._~].");
  }
  if (q.max_age !== undefined && !/^\d+$/.test(q.max_age)) {
    return fail("invalid_request", `max_age must be a whole number of seconds (got ${q.max_age}).`);
  }
  if (q.prompt !== undefined && q.prompt !== "none" && q.prompt !== "login") {
    return fail("invalid_request", `Unsupported prompt: ${q.prompt} (the local tenant supports none and login).`);
  }
  if (
    audience &&
    audience !== tenant.userinfoAudience &&
    !tenant.isManagementAudience(audience) &&
    !tenant.stores.resourceServers.findByIdentifier(audience)
  ) {
    return fail("access_denied", `Service not found: ${audience}`);
  }
  return { ok: true, request };
}
