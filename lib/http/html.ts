const ESCAPES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };

export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (character) => ESCAPES[character] ?? character);
}

const STYLE =
  "body{font-family:system-ui,sans-serif;max-width:40rem;margin:3rem auto;padding:0 1rem;line-height:1.5;color:#1a1a1a}" +
  "a,button{font:inherit}button{padding:.5rem 1.25rem;border-radius:.375rem;border:1px solid #555;background:#1f4fd1;color:#fff;cursor:pointer}";

/**
 * A complete, small HTML page for responses that route handlers build themselves (errors, the hand-off form).
 * Pages are never cached: they belong to one login.
 */
export function htmlPage(options: {
  status: number;
  title: string;
  body: string;
  headers?: Record<string, string>;
}): Response {
  const html =
    `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">` +
    `<title>${escapeHtml(options.title)}</title><style>${STYLE}</style></head><body>${options.body}</body></html>`;
  return new Response(html, {
    status: options.status,
    headers: {
      "content-type": "text/html; charset=utf-8",
      "cache-control": "no-store",
      "referrer-policy": "no-referrer",
      "x-content-type-options": "nosniff",
      ...options.headers,
    },
  });
}

/** A 4xx page that says what is wrong and how to start again. */
export function errorPage(status: number, title: string, message: string, headers?: Record<string, string>): Response {
  return htmlPage({
    status,
    title,
    headers,
    body: `<h1>${escapeHtml(title)}</h1><p>${escapeHtml(message)}</p><p><a href="/auth/login">Sign in again</a> · <a href="/">Product XYZ</a></p>`,
  });
}
