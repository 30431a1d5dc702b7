/**
 * Only loopback host names are served: a web page cannot reach the tenant through DNS rebinding (its requests
 * would carry the attacker's host name in `Host`).
 */
export function isLoopbackHost(host: string): boolean {
  const hostname = host.startsWith("[") ? host.slice(0, host.indexOf("]") + 1) : host.replace(/:\d*$/, "");
  const name = hostname.toLowerCase();
  return name === "localhost" || name.endsWith(".localhost") || name === "127.0.0.1" || name === "[::1]";
}

/** `Host` names the tenant's configured public host (on 443, the port a client leaves out): its own name, no rebinding. */
export function hostHeaderNamesPublicHost(host: string, publicHost: string | undefined): boolean {
  const name = host.toLowerCase().replace(/:443$/, "");
  return publicHost !== undefined && name === publicHost;
}
