import type { TenantUser } from "../actions-runtime/types";

/** The standard claims a user's scopes release (ID token and `/userinfo`). */
export function userProfileClaims(user: TenantUser, scopes: string[]): Record<string, unknown> {
  const claims: Record<string, unknown> = {};
  if (scopes.includes("profile")) {
    Object.assign(claims, {
      name: user.name,
      nickname: user.nickname,
      picture: user.picture,
      updated_at: user.updated_at,
    });
  }
  if (scopes.includes("email")) Object.assign(claims, { email: user.email, email_verified: user.email_verified });
  return claims;
}
