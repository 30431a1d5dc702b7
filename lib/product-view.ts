/** What the product page shows of a signed-in user, read from the session's ID-token claims. */
export interface ProductView {
  sub: string;
  email?: string;
  termsVersion?: number;
  /** Our namespaced claims, without the namespace. */
  claims: Record<string, unknown>;
}

export function productView(user: Record<string, unknown>, namespace: string): ProductView {
  const claims = Object.fromEntries(
    Object.entries(user)
      .filter(([name]) => name.startsWith(namespace))
      .map(([name, value]) => [name.slice(namespace.length), value]),
  );
  const termsVersion = claims.terms_version;
  return {
    sub: String(user.sub),
    email: typeof user.email === "string" ? user.email : undefined,
    termsVersion: typeof termsVersion === "number" ? termsVersion : undefined,
    claims,
  };
}
