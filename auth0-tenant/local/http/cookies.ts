/** Cookie header parsing and `Set-Cookie` serialisation; every cookie the tenant sets is HttpOnly (and `Secure` over TLS, see `withSecureCookies`). */

export function parseCookies(header: string | undefined): Record<string, string> {
  const cookies: Record<string, string> = {};
  for (const part of (header ?? "").split(";")) {
    const index = part.indexOf("=");
    if (index <= 0) continue;
    const name = part.slice(0, index).trim();
    const raw = part.slice(index + 1).trim();
    if (!name || Object.hasOwn(cookies, name)) continue;
    try {
      cookies[name] = decodeURIComponent(raw);
    } catch {
      cookies[name] = raw;
    }
  }
  return cookies;
}

export interface CookieOptions {
  /** Seconds; 0 deletes the cookie; omitted = a browser-session cookie. */
  maxAge?: number;
  /**
   * Sent in cross-site frames and requests too: `SameSite=None; Secure`, which browsers accept over TLS only
   * (`SameSite=None` without `Secure` is rejected). Otherwise `SameSite=Lax`.
   */
  crossSite?: boolean;
}

export function serializeCookie(name: string, value: string, options: CookieOptions = {}): string {
  const sameSite = options.crossSite ? ["SameSite=None", "Secure"] : ["SameSite=Lax"];
  const parts = [`${name}=${encodeURIComponent(value)}`, "Path=/", "HttpOnly", ...sameSite];
  if (options.maxAge !== undefined) parts.push(`Max-Age=${options.maxAge}`);
  return parts.join("; ");
}

export function deleteCookie(name: string, options: Pick<CookieOptions, "crossSite"> = {}): string {
  return serializeCookie(name, "", { ...options, maxAge: 0 });
}
