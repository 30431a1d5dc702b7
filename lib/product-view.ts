import { CLAIMS } from "../contract/claims";

/** What the product page shows of a signed-in user, read from the session's ID-token claims. */
export interface ProductView {
  sub: string;
  email?: string;
  termsVersion?: number;
  /** Directory groups (groups Action); `undefined` when the login brought none. */
  groups?: string[];
  /** Role names (roles Action). */
  roles?: string[];
  /** Profile fields the profile step collected (profile-completion Action), e.g. `{ favorite_color: "blue" }`. */
  profile?: Record<string, string>;
  /** The customer's business data (business-data Action); `undefined` when the login brought none. */
  business?: { plan?: string; company?: string; accountManager?: string; seats?: number };
  /** Our namespaced claims, without the namespace. */
  claims: Record<string, unknown>;
}

const strings = (value: unknown) =>
  Array.isArray(value) && value.every((item) => typeof item === "string") ? (value as string[]) : undefined;
const text = (value: unknown) => (typeof value === "string" ? value : undefined);
const stringRecord = (value: unknown) =>
  typeof value === "object" && value !== null && !Array.isArray(value) && Object.values(value).every((item) => typeof item === "string")
    ? (value as Record<string, string>)
    : undefined;

/**
 * The view of a session's user: our claims under `namespace`, typed where the page shows them; a claim of another
 * type (a bug or a tampered Action) is not shown as if it were right.
 *
 * @example
 * productView({ sub: "auth0|1", "https://product-xyz.example/groups": ["staff"] }, "https://product-xyz.example/").groups; // ["staff"]
 */
export function productView(user: Record<string, unknown>, namespace: string): ProductView {
  const claims = Object.fromEntries(
    Object.entries(user)
      .filter(([name]) => name.startsWith(namespace))
      .map(([name, value]) => [name.slice(namespace.length), value]),
  );
  const termsVersion = claims[CLAIMS.termsVersion];
  const seats = claims[CLAIMS.seats];
  const business = {
    plan: text(claims[CLAIMS.plan]),
    company: text(claims[CLAIMS.company]),
    accountManager: text(claims[CLAIMS.accountManager]),
    seats: typeof seats === "number" && Number.isInteger(seats) ? seats : undefined,
  };
  const hasBusiness = Object.values(business).some((value) => value !== undefined);
  return {
    sub: String(user.sub),
    email: typeof user.email === "string" ? user.email : undefined,
    termsVersion: typeof termsVersion === "number" ? termsVersion : undefined,
    groups: strings(claims[CLAIMS.groups]),
    roles: strings(claims[CLAIMS.roles]),
    profile: stringRecord(claims[CLAIMS.profile]),
    business: hasBusiness ? business : undefined,
    claims,
  };
}
