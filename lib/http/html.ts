import { BRAND_HTML, FAVICON_HREF, LOOK_CSS, pageTitle } from "../../contract/look";
import { DEFAULT_LOCALE, type Locale } from "../i18n/locales";

const ESCAPES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };

export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (character) => ESCAPES[character] ?? character);
}

/**
 * The policy of pages we build ourselves: no script, no framing (a consent page must not be clicked through an
 * invisible frame), forms to this site only. A page that needs more passes its own.
 */
export const PAGE_CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src 'self' data:; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

/**
 * Pages up to this size are sent uncompressed, told by `Cache-Control: no-transform`, which the compression of
 * `next start` honours. They fit in a connection's first flight (RFC 6928: 10 segments of at least 1,200 bytes of
 * payload, less our headers), so compressing them saves the reader no round trip; and `next start` compresses on
 * libuv's thread pool, which cost each step page 0.5 to 1 ms of server time in the bench's login detour (Node 20). A
 * larger page (a long terms document) is compressed as usual.
 */
export const UNCOMPRESSED_UP_TO_BYTES = 10 * 1024;

/**
 * A complete, small HTML page for responses that route handlers build themselves (the steps' pages, errors, the
 * hand-off form), in the product's look (`contract/look.ts`), with no script unless its `content-security-policy`
 * allows one. Pages are never cached: they belong to one login.
 */
export function htmlPage(options: {
  status: number;
  /** The page's own title; the tab shows it with the product's name. */
  title: string;
  body: string;
  /** A card wide enough for a document (the terms). */
  wide?: boolean;
  /** Extra markup for `<head>` (ours, trusted). */
  head?: string;
  headers?: Record<string, string>;
  /** The language the page is written in. */
  lang?: Locale;
}): Response {
  const html =
    `<!doctype html><html lang="${options.lang ?? DEFAULT_LOCALE}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">` +
    `<title>${escapeHtml(pageTitle(options.title))}</title><link rel="icon" href="${FAVICON_HREF}"><style>${LOOK_CSS}</style>${options.head ?? ""}</head>` +
    `<body><main${options.wide ? ` class="wide"` : ""}>${BRAND_HTML}${options.body}</main></body></html>`;
  return new Response(html, {
    status: options.status,
    headers: {
      "content-type": "text/html; charset=utf-8",
      "cache-control": Buffer.byteLength(html) <= UNCOMPRESSED_UP_TO_BYTES ? "no-store, no-transform" : "no-store",
      // Not `no-referrer`: under it, browsers send `Origin: null` with a form post, and the answer's Origin check
      // would refuse our own forms. `same-origin` keeps the address within this site.
      "referrer-policy": "same-origin",
      "x-content-type-options": "nosniff",
      "x-frame-options": "DENY",
      "content-security-policy": PAGE_CSP,
      ...options.headers,
    },
  });
}
