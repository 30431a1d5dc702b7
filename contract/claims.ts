/**
 * The custom claims the Actions set and the app reads, by their name under `CLAIM_NAMESPACE` (the claim itself is
 * `<namespace><name>`, e.g. `https://product-xyz.example/roles`).
 */
export const CLAIMS = {
  /** The terms version the user accepted (terms-of-use). */
  termsVersion: "terms_version",
  /** The profile fields collected, `{ favorite_color: "blue" }` (profile-completion). */
  profile: "profile",
  /** Directory groups (groups), in the ID and access tokens. */
  groups: "groups",
  /** Role names (roles), in the ID and access tokens; the product API authorizes on it. */
  roles: "roles",
  /** Business data (business-data): `plan` and `seats` also in the access token. */
  plan: "plan",
  company: "company",
  accountManager: "account_manager",
  seats: "seats",
} as const;

export type ClaimName = (typeof CLAIMS)[keyof typeof CLAIMS];

/** The full claim name: the namespace (ending with a slash) and the name. */
export function namespacedClaim(namespace: string, name: ClaimName): string {
  return `${namespace}${name}`;
}
