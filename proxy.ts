import type { NextRequest } from "next/server";
import { auth0 } from "./lib/auth0";

/** Mounts the SDK's `/auth/*` routes and rolls the app session. */
export async function proxy(request: NextRequest) {
  return auth0().middleware(request);
}

export const config = {
  // The login steps and the Bearer-token API have no app session: keep the SDK's cost off them.
  matcher: ["/((?!_next/static|_next/image|favicon.ico|terms|profile|api/|denied).*)"],
};
