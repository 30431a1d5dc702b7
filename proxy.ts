import { NextResponse, type NextRequest } from "next/server";
import { auth0 } from "./lib/auth0";
import { getConfig } from "./lib/config";
import { withLoginStartFailurePage } from "./lib/login-start-failure";
import { RAW_QUERY_HEADER } from "./lib/http/raw-query";
import { withRequestHeaders } from "./lib/http/with-request-headers";
import { LANG_PARAMETER, PAGE_LOCALE_HEADER, pageLocaleAt } from "./lib/i18n/page-locale";

/** Mounts the SDK's `/auth/*` routes and rolls the app session; hands the API its query as the client sent it. */
export async function proxy(request: NextRequest) {
  if (request.nextUrl.pathname.startsWith("/api/")) {
    // Set even when empty: a value the client sent under this name never reaches the route.
    const headers = new Headers(request.headers);
    headers.set(RAW_QUERY_HEADER, request.nextUrl.search);
    return NextResponse.next({ request: { headers } });
  }
  // Every page gets its reader's language, for its words and `<html lang>`: the error pages (404, 500, a failed
  // sign-in) can be shown at any address, and the layout sees no query.
  const headers = new Headers(request.headers);
  const lang = request.nextUrl.searchParams.get(LANG_PARAMETER) ?? undefined;
  headers.set(PAGE_LOCALE_HEADER, pageLocaleAt(request.nextUrl.pathname, lang, request.headers.get("accept-language")));
  // The published versions need no session.
  if (request.nextUrl.pathname.startsWith("/terms/versions/")) return NextResponse.next({ request: { headers } });
  const response = withLoginStartFailurePage(request.nextUrl.pathname, await auth0().middleware(request), getConfig().appBaseUrl);
  return withRequestHeaders(response, headers);
}

export const config = {
  // The login steps have no app session: keep the SDK's cost off them. The API refuses unknown parameters, so it
  // needs its raw query (lib/http/raw-query.ts); the SDK does not run there.
  // The published versions (under /terms) get their reader's language, as every page the proxy runs for does.
  matcher: ["/((?!_next/static|_next/image|favicon.ico|terms|profile|api/|denied).*)", "/api/consents", "/terms/versions/:path*"],
};
