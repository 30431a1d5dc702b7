import type { AccumulatedCommands } from "../actions-runtime/types";

/** Scopes of OpenID Connect itself, granted whatever the audience. */
export const OIDC_SCOPES = ["openid", "profile", "email", "offline_access"] as const;

export function parseScope(scope: string | undefined): string[] {
  return [...new Set((scope ?? "").split(" ").filter((value) => value.length > 0))];
}

/**
 * What a user's login may grant: the OIDC scopes asked for, plus the requested scopes the API defines.
 * The Management API grants a user none of its scopes (they are for machine clients here).
 */
export function grantableUserScopes(requested: string[], apiScopes: string[]): string[] {
  const oidc = new Set<string>(OIDC_SCOPES);
  const api = new Set(apiScopes);
  return requested.filter((scope) => oidc.has(scope) || api.has(scope));
}

/** The Actions' `addScope`/`removeScope`, last operation per scope winning. */
export function applyScopeChanges(scopes: string[], changes: AccumulatedCommands["scopeChanges"]): string[] {
  const result = new Set(scopes);
  for (const [scope, operation] of Object.entries(changes)) {
    if (operation === "add") result.add(scope);
    else result.delete(scope);
  }
  return [...result];
}
