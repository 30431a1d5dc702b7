import { NextResponse, type NextRequest } from "next/server";
import { auth0 } from "./lib/auth0";
import { getConfig } from "./lib/config";
import { withLoginStartFailurePage } from "./lib/login-start-failure";
import { RAW_QUERY_HEADER } from "./lib/http/raw-query";

/** Mounts the SDK's `/auth/*` routes and rolls the app session; hands the API its query as the client sent it. */
export async function proxy(request: NextRequest) {
  if (request.nextUrl.pathname.startsWith("/api/")) {
    // Set even when empty: a value the client sent under this name never reaches the route.
    const headers = new Headers(request.headers);
    headers.set(RAW_QUERY_HEADER, request.nextUrl.search);
    return NextResponse.next({ request: { headers } });
  }
  return withLoginStartFailurePage(request.nextUrl.pathname, await auth0().middleware(request), getConfig().appBaseUrl);
}

export const config = {
  // The login steps have no app session: keep the SDK's cost off them. The API refuses unknown parameters, so it
  // needs its raw query (lib/http/raw-query.ts); the SDK does not run there.
  matcher: ["/((?!_next/static|_next/image|favicon.ico|terms|profile|api/|denied).*)", "/api/consents"],
};
