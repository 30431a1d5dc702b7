import { createHash, randomUUID } from "node:crypto";
import { applyCustomClaims } from "../actions-runtime";
import type { AccumulatedCommands } from "../actions-runtime/types";
import { OAuthError } from "../errors";
import type { Authentication, CompletedLogin } from "../login/types";
import type { StoredClient } from "../store/clients";
import type { StoredUser } from "../store/users";
import type { Tenant } from "../tenant";
import { applyScopeChanges, grantableUserScopes } from "./grantable-scopes";
import { userProfileClaims } from "./user-claims";

/** Auth0's default ID token lifetime (10 hours) and access token lifetime without an API (24 hours). */
const ID_TOKEN_LIFETIME_S = 36_000;
const DEFAULT_ACCESS_TOKEN_LIFETIME_S = 86_400;

export interface UserTokenInput {
  client: StoredClient;
  user: StoredUser;
  /** The scopes the application asked for at `/authorize`. */
  requestedScopes: string[];
  audience?: string;
  nonce?: string;
  authentication: Authentication;
  commands: AccumulatedCommands;
  grantType: "authorization_code" | "implicit" | "refresh_token" | "password";
  /**
   * An ID token handed out by `/authorize` (implicit, hybrid) binds what travels beside it (OIDC Core §3.3.2.11):
   * `at_hash` when the access token does, `c_hash` for the code.
   */
  frontChannel?: { withAccessToken: boolean; code?: string };
}

export interface UserTokenResponse {
  access_token: string;
  id_token?: string;
  scope: string;
  expires_in: number;
  token_type: "Bearer";
}

/** What a completed browser login decides of its tokens, whether `/authorize` or the code exchange hands them out. */
export function fromCompletedLogin({ request, authentication, commands }: CompletedLogin) {
  return {
    requestedScopes: request.scopes,
    ...(request.audience ? { audience: request.audience } : {}),
    ...(request.nonce === undefined ? {} : { nonce: request.nonce }),
    authentication,
    commands,
  } satisfies Partial<UserTokenInput>;
}

/** What the login grants: requested OIDC scopes and API scopes the API defines, then the Actions' changes. */
export function grantedScopes(tenant: Tenant, requested: string[], audience: string | undefined, commands: AccumulatedCommands): string[] {
  const api = audience && !tenant.isManagementAudience(audience) ? tenant.stores.resourceServers.findByIdentifier(audience) : undefined;
  const apiScopes = api?.scopes.map((scope) => scope.value) ?? [];
  return applyScopeChanges(grantableUserScopes(requested, apiScopes), commands.scopeChanges);
}

/**
 * The access token (and ID token when `openid` is granted) of a user login, with the Actions' custom claims. As on
 * Auth0, an access token for no API (no `audience`, or the `/userinfo` one) is opaque and good for `/userinfo` only;
 * one for an API is a JWT whose `aud` names `/userinfo` too only when `openid` was granted.
 */
export async function mintUserTokens(tenant: Tenant, input: UserTokenInput): Promise<UserTokenResponse> {
  const { client, user, commands } = input;
  const audience = input.audience === tenant.userinfoAudience ? undefined : input.audience;
  const scopes = grantedScopes(tenant, input.requestedScopes, audience, commands);
  const iat = Math.floor(tenant.now() / 1000);
  const api = audience ? tenant.stores.resourceServers.findByIdentifier(audience) : undefined;
  const expiresIn = api?.token_lifetime ?? DEFAULT_ACCESS_TOKEN_LIFETIME_S;
  const jti = randomUUID();
  const standardAccessClaims = { iss: tenant.issuer, sub: user.user_id, iat, exp: iat + expiresIn, scope: scopes.join(" "), azp: client.client_id, jti };

  const accessToken = audience
    ? await tenant.signer.sign(
        withCustomClaims(
          { ...standardAccessClaims, aud: scopes.includes("openid") ? [audience, tenant.userinfoAudience] : audience },
          commands.accessTokenClaims,
          tenant.isManagementAudience(audience),
        ),
      )
    : await tenant.opaqueTokens.seal({ ...standardAccessClaims, aud: tenant.userinfoAudience });
  const response: UserTokenResponse = {
    access_token: accessToken,
    scope: scopes.join(" "),
    expires_in: expiresIn,
    token_type: "Bearer",
  };
  tenant.stats.recordAccessToken(client.client_id, audience ?? tenant.userinfoAudience, input.grantType);
  if (scopes.includes("openid")) {
    tenant.userinfoClaims.put(jti, withCustomClaims({}, commands.idTokenClaims, false), (iat + expiresIn) * 1000);
  }

  if (scopes.includes("openid")) {
    const idClaims = withCustomClaims(
      {
        iss: tenant.issuer,
        sub: user.user_id,
        aud: client.client_id,
        iat,
        exp: iat + ID_TOKEN_LIFETIME_S,
        ...(input.nonce === undefined ? {} : { nonce: input.nonce }),
        sid: input.authentication.sessionId,
        auth_time: Math.floor(input.authentication.authenticatedAt / 1000),
        ...amrClaim(input),
        ...frontChannelHashes(input.frontChannel, accessToken),
        ...userProfileClaims(user, scopes),
      },
      commands.idTokenClaims,
      false,
    );
    response.id_token = await tenant.signer.sign(idClaims);
    tenant.stats.recordIdToken();
  }
  return response;
}

/**
 * `amr: ["mfa"]` once the session passed an MFA challenge, as Auth0 sets it after a browser login; an ID token
 * from a refresh-token exchange carries none (as reported of Auth0), so apps must not expect it there.
 */
function amrClaim(input: UserTokenInput): { amr?: string[] } {
  const mfa = input.authentication.methods.some((method) => method.name === "mfa");
  return mfa && (input.grantType === "authorization_code" || input.grantType === "implicit") ? { amr: ["mfa"] } : {};
}

function frontChannelHashes(frontChannel: UserTokenInput["frontChannel"], accessToken: string): { at_hash?: string; c_hash?: string } {
  if (!frontChannel) return {};
  return {
    ...(frontChannel.withAccessToken ? { at_hash: leftHalfHash(accessToken) } : {}),
    ...(frontChannel.code === undefined ? {} : { c_hash: leftHalfHash(frontChannel.code) }),
  };
}

/** The base64url of the left half of the value's SHA-256 (RS256's hash), as `at_hash` and `c_hash` are defined. */
function leftHalfHash(value: string): string {
  const digest = createHash("sha256").update(value, "ascii").digest();
  return digest.subarray(0, digest.length / 2).toString("base64url");
}

function withCustomClaims(
  standardClaims: Record<string, unknown>,
  customClaims: Record<string, unknown>,
  audienceIsAuth0Api: boolean,
): Record<string, unknown> {
  try {
    return applyCustomClaims({ standardClaims, customClaims, audienceIsAuth0Api });
  } catch (error) {
    if (isClaimsTooLarge(error)) throw new OAuthError("access_denied", error.message, 403);
    throw error;
  }
}

/**
 * Auth0 fails the login itself (not the later code exchange) when a token's custom claims are too large, so the
 * browser flow checks before issuing a code. Returns the runtime's message, or `undefined` when both tokens fit.
 */
export function customClaimsProblem(commands: AccumulatedCommands): string | undefined {
  for (const customClaims of [commands.idTokenClaims, commands.accessTokenClaims]) {
    try {
      applyCustomClaims({ standardClaims: {}, customClaims, audienceIsAuth0Api: false });
    } catch (error) {
      if (isClaimsTooLarge(error)) return error.message;
      throw error;
    }
  }
  return undefined;
}

function isClaimsTooLarge(error: unknown): error is Error {
  return error instanceof Error && (error as Error & { code?: unknown }).code === "ERR_ACTION_CUSTOM_CLAIMS_TOO_LARGE";
}
