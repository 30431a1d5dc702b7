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

/**
 * The SDK's `domain` and `allowInsecureRequests` for the tenant's origin. A tenant on https's own port (every real
 * one, and the local one under a host name: tests/e2e/production-shape.test.ts) goes in as its bare host, verified
 * as any. The SDK (4.30, utils/normalize.js) drops a port and the http scheme from a domain, and refuses
 * `localhost`, unless `allowInsecureRequests` is set: the local tenant at `http://localhost:4000`, or its https
 * mode at `localhost:PORT`, goes in as its origin with that flag, which only lets oauth4webapi call http:// URLs.
 */
export function sdkTenant(origin: string): { domain: string; allowInsecureRequests: boolean } {
  const url = new URL(origin);
  const asOrigin = url.protocol === "http:" || url.port !== "";
  return { domain: asOrigin ? url.origin : url.host, allowInsecureRequests: asOrigin };
}

function createClient(): Auth0Client {
  const config = getConfig();
  const namespace = config.claimNamespace;
  return new Auth0Client({
    ...sdkTenant(config.tenant.origin),
    clientId: config.auth0.clientId,
    clientSecret: config.auth0.clientSecret,
    secret: config.auth0.secret,
    appBaseUrl: config.appBaseUrl,
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
