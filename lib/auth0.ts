import { Auth0Client, filterDefaultIdTokenClaims } from "@auth0/nextjs-auth0/server";
import { NextResponse } from "next/server";
import { getConfig } from "./config";
import { isDenial, SIGN_IN_FAILED_PATH } from "./callback-failure";
import { deniedPagePath } from "./denied-reasons";

let client: Auth0Client | undefined;

/**
 * The Auth0 SDK client, built on first use from the validated configuration (not at import, so `next build` needs
 * no secrets).
 */
export function auth0(): Auth0Client {
  client ??= createClient();
  return client;
}

function createClient(): Auth0Client {
  const config = getConfig();
  const namespace = config.claimNamespace;
  return new Auth0Client({
    // A real tenant is a bare host. The SDK (4.30, utils/normalize.js) refuses `localhost` and any port in a domain
    // unless `allowInsecureRequests` is set, so the local tenant goes in as its origin with that flag. In the
    // tenant's https mode the flag makes nothing insecure: it only lets oauth4webapi call http:// endpoints, and the
    // https tenant has none (no plain-http listener; tests/e2e/production-shape.test.ts).
    domain: config.tenant.onLocalhost ? config.tenant.origin : config.tenant.host,
    clientId: config.auth0.clientId,
    clientSecret: config.auth0.clientSecret,
    secret: config.auth0.secret,
    appBaseUrl: config.appBaseUrl,
    allowInsecureRequests: config.tenant.onLocalhost,
    // The app reads the session on the server only; no reason to hand tokens to the browser.
    enableAccessTokenEndpoint: false,
    authorizationParameters: { scope: "openid profile email" },
    // Without this hook the SDK drops our namespaced claims from `session.user`.
    async beforeSessionSaved(session) {
      const namespaced = Object.fromEntries(Object.entries(session.user).filter(([name]) => name.startsWith(namespace)));
      return { ...session, user: { ...filterDefaultIdTokenClaims(session.user), ...namespaced } };
    },
    // The SDK answers a failed login with a bare 500; send the user to a page that explains it.
    async onCallback(error, context) {
      const base = context.appBaseUrl ?? config.appBaseUrl;
      if (!error) return NextResponse.redirect(new URL(context.returnTo ?? "/", base));
      if (!isDenial(error)) {
        console.warn(`[auth] sign-in not completed: ${error.code}: ${error.message}`);
        return NextResponse.redirect(new URL(SIGN_IN_FAILED_PATH, base));
      }
      const cause = "cause" in error && error.cause instanceof Error ? (error.cause as Error & { code?: string }) : undefined;
      return NextResponse.redirect(new URL(deniedPagePath(cause?.code ?? error.code, cause?.message), base));
    },
  });
}
