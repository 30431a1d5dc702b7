import { isIP } from "node:net";

/**
 * The browser's IP address as reported by the reverse proxies in front of the app, or `null`.
 *
 * Each proxy appends the address it received the request from to `X-Forwarded-For`, so with `trustedProxyHops`
 * proxies the client's address is that many entries from the right; entries further left were written by the
 * client and prove nothing. With no trusted proxy the header is ignored (anyone can send it, and Next.js does not
 * give route handlers the socket address), so nothing is recorded rather than a value the client chose.
 * Vercel's edge overwrites the header with the client's address: one hop.
 *
 * @example
 * clientAddress(new Headers({ "x-forwarded-for": "203.0.113.9, 198.51.100.7" }), 1); // "198.51.100.7"
 * clientAddress(new Headers({ "x-forwarded-for": "203.0.113.9" }), 0); // null
 */
export function clientAddress(headers: Headers, trustedProxyHops: number): string | null {
  if (trustedProxyHops < 1) return null;
  const hops = (headers.get("x-forwarded-for") ?? "").split(",").map((entry) => entry.trim());
  const entry = hops.length >= trustedProxyHops ? hops[hops.length - trustedProxyHops] : undefined;
  if (!entry) return null;
  // Some proxies write `[v6]:port` or `v4:port`.
  const address = /^\[([^\]]+)\](?::\d+)?$/.exec(entry)?.[1] ?? /^(\d{1,3}(?:\.\d{1,3}){3}):\d+$/.exec(entry)?.[1] ?? entry;
  return isIP(address) === 0 ? null : address;
}
