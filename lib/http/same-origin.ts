/**
 * CSRF defence for form posts: the browser's `Origin` (or, failing that, `Referer`) must be the app's own origin.
 * A request that carries neither is refused: every browser that can run the flow sends `Origin` on a POST.
 */
export function isSameOrigin(request: Request, appOrigin: string): boolean {
  const origin = request.headers.get("origin");
  if (origin) return origin === appOrigin;
  const referer = request.headers.get("referer");
  if (!referer || !URL.canParse(referer)) return false;
  return new URL(referer).origin === appOrigin;
}
