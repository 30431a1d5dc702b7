/**
 * A browser-like cookie jar: cookies are kept per host name and, as in browsers, shared across ports
 * (so tests see the same collisions a browser would between `localhost:3000` and `localhost:4000`).
 */
interface StoredCookie {
  name: string;
  value: string;
  path: string;
  secure: boolean;
  expiresAt?: number;
}

export class CookieJar {
  private readonly byHost = new Map<string, Map<string, StoredCookie>>();

  /** Records every `Set-Cookie` of a response to `url`. */
  store(url: URL, setCookieHeaders: string[], now = Date.now()): void {
    for (const header of setCookieHeaders) {
      const cookie = parseSetCookie(header, now);
      if (!cookie) continue;
      const jar = this.jar(url.hostname);
      const key = `${cookie.path} ${cookie.name}`;
      if (cookie.expiresAt !== undefined && cookie.expiresAt <= now) jar.delete(key);
      else jar.set(key, cookie);
    }
  }

  /** The `Cookie` header a browser would send to `url`, or `undefined` when none applies. */
  header(url: URL, now = Date.now()): string | undefined {
    const cookies = [...this.jar(url.hostname).values()].filter(
      (cookie) =>
        (cookie.expiresAt === undefined || cookie.expiresAt > now) &&
        (!cookie.secure || url.protocol === "https:") &&
        pathMatches(url.pathname, cookie.path),
    );
    return cookies.length > 0 ? cookies.map((cookie) => `${cookie.name}=${cookie.value}`).join("; ") : undefined;
  }

  /** A cookie's raw value for a host, e.g. to assert that a session cookie was set. */
  get(hostname: string, name: string): string | undefined {
    return [...this.jar(hostname).values()].find((cookie) => cookie.name === name)?.value;
  }

  /** Forgets one cookie or, without a name, the host's whole jar. */
  clear(hostname: string, name?: string): void {
    const jar = this.jar(hostname);
    for (const [key, cookie] of jar) if (name === undefined || cookie.name === name) jar.delete(key);
  }

  private jar(hostname: string): Map<string, StoredCookie> {
    let jar = this.byHost.get(hostname);
    if (!jar) {
      jar = new Map();
      this.byHost.set(hostname, jar);
    }
    return jar;
  }
}

function parseSetCookie(header: string, now: number): StoredCookie | undefined {
  const [pair, ...attributes] = header.split(";");
  const index = pair?.indexOf("=") ?? -1;
  if (!pair || index <= 0) return undefined;
  const cookie: StoredCookie = {
    name: pair.slice(0, index).trim(),
    value: pair.slice(index + 1).trim(),
    path: "/",
    secure: false,
  };
  for (const attribute of attributes) {
    const [rawName, ...rest] = attribute.split("=");
    const name = rawName?.trim().toLowerCase();
    const value = rest.join("=").trim();
    if (name === "path" && value.startsWith("/")) cookie.path = value;
    else if (name === "secure") cookie.secure = true;
    else if (name === "max-age" && /^-?\d+$/.test(value)) cookie.expiresAt = now + Number(value) * 1000;
    else if (name === "expires" && cookie.expiresAt === undefined && !Number.isNaN(Date.parse(value))) {
      cookie.expiresAt = Date.parse(value);
    }
  }
  return cookie;
}

function pathMatches(requestPath: string, cookiePath: string): boolean {
  if (requestPath === cookiePath) return true;
  const prefix = cookiePath.endsWith("/") ? cookiePath : `${cookiePath}/`;
  return requestPath.startsWith(prefix);
}
