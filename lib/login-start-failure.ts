import { NextResponse } from "next/server";
import { SIGN_IN_FAILED_PATH } from "./callback-failure";

/** The SDK's route that starts a sign-in (its default `routes.login`, which the app keeps). */
export const LOGIN_PATH = "/auth/login";

/**
 * The SDK answers a sign-in it cannot start (the tenant unreachable for discovery, a refused pushed authorization
 * request) with a bare 500 text and logs why. The user gets the try-again page instead, as for a failed callback:
 * nothing was refused.
 */
export function withLoginStartFailurePage(pathname: string, response: Response, appBaseUrl: string): Response {
  if (pathname !== LOGIN_PATH || response.status < 500) return response;
  console.warn("[auth] sign-in not started: the tenant could not be reached or refused the request (the SDK's error is above)");
  return NextResponse.redirect(new URL(SIGN_IN_FAILED_PATH, appBaseUrl), 303);
}
