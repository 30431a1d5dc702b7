import { randomBytes } from "node:crypto";

/** A complete, valid environment for the app with fresh random secrets; override what a test needs. */
export function testEnv(overrides: Record<string, string | undefined> = {}): Record<string, string | undefined> {
  return {
    NODE_ENV: "test",
    APP_BASE_URL: "http://127.0.0.1:3000",
    AUTH0_DOMAIN: "http://localhost:4000",
    AUTH0_CLIENT_ID: "test-client",
    AUTH0_CLIENT_SECRET: randomBytes(32).toString("hex"),
    AUTH0_SECRET: randomBytes(32).toString("hex"),
    CONSENT_COOKIE_SECRET: randomBytes(32).toString("hex"),
    REDIRECT_TOKEN_SECRET: randomBytes(32).toString("hex"),
    ...overrides,
  };
}
