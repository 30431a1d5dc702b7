/** The step cookie as the browser sends it back (`consent_step=…`), from a step response's first `Set-Cookie`. */
export function stepCookieOf(response: Response): string {
  const [cookie] = response.headers.getSetCookie();
  if (!cookie) throw new Error(`no Set-Cookie (status ${response.status})`);
  return cookie.split(";")[0]!;
}

/**
 * A browser's POST of a step's form: url-encoded, from the page's own origin unless `origin` says otherwise (`null`:
 * no Origin header), with the step cookie.
 */
export function stepFormRequest(
  url: string,
  options: { cookie?: string; body?: string | Record<string, string>; origin?: string | null; headers?: Record<string, string> } = {},
): Request {
  const origin = options.origin === undefined ? new URL(url).origin : options.origin;
  const body = typeof options.body === "object" ? new URLSearchParams(options.body).toString() : (options.body ?? "");
  return new Request(url, {
    method: "POST",
    headers: {
      "content-type": "application/x-www-form-urlencoded",
      ...(origin === null ? {} : { origin }),
      ...(options.cookie ? { cookie: options.cookie } : {}),
      ...options.headers,
    },
    body,
  });
}
