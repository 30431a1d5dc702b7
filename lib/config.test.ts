import { describe, expect, it } from "vitest";
import { testEnv } from "../tests/support/test-env";
import { ConfigError, parseConfig } from "./config";

function problemsOf(env: Record<string, string | undefined>): string[] {
  try {
    parseConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  throw new Error("expected a ConfigError");
}

describe("parseConfig", () => {
  describe("with no tenant configured", () => {
    it("targets the local tenant on localhost:4000", () => {
      const config = parseConfig(testEnv({ AUTH0_DOMAIN: undefined, APP_BASE_URL: undefined, NODE_ENV: "development" }));
      expect(config.tenant).toEqual({
        origin: "http://localhost:4000",
        host: "localhost:4000",
        local: true,
        continueUrl: "http://localhost:4000/continue",
      });
      expect(config.appBaseUrl).toBe("http://127.0.0.1:3000");
    });

    it("treats an empty variable as unset", () => {
      expect(parseConfig(testEnv({ AUTH0_DOMAIN: "" })).tenant.local).toBe(true);
    });
  });

  describe("with a real tenant", () => {
    it("accepts a bare host and builds the https continue URL from configuration", () => {
      const config = parseConfig(testEnv({ AUTH0_DOMAIN: "acme.eu.auth0.com" }));
      expect(config.tenant).toMatchObject({ host: "acme.eu.auth0.com", local: false, continueUrl: "https://acme.eu.auth0.com/continue" });
    });

    it("refuses plain http for anything but localhost", () => {
      expect(problemsOf(testEnv({ AUTH0_DOMAIN: "http://acme.eu.auth0.com" }))).toEqual([
        expect.stringMatching(/^AUTH0_DOMAIN must use https/),
      ]);
    });

    it("refuses a domain with a path", () => {
      expect(problemsOf(testEnv({ AUTH0_DOMAIN: "https://acme.eu.auth0.com/x" }))).toEqual([
        expect.stringMatching(/^AUTH0_DOMAIN must be a bare host name/),
      ]);
    });
  });

  describe("secrets", () => {
    it.each(["AUTH0_SECRET", "CONSENT_COOKIE_SECRET", "REDIRECT_TOKEN_SECRET"])("refuses a %s shorter than 32 bytes", (name) => {
      expect(problemsOf(testEnv({ [name]: "too-short" }))).toEqual([`${name} must be at least 32 bytes (got 9); generate one with: openssl rand -hex 32`]);
    });

    it("names every missing variable at once", () => {
      const problems = problemsOf(testEnv({ AUTH0_CLIENT_ID: undefined, REDIRECT_TOKEN_SECRET: undefined }));
      expect(problems).toHaveLength(2);
      expect(problems[0]).toMatch(/^AUTH0_CLIENT_ID is required/);
      expect(problems[1]).toMatch(/^REDIRECT_TOKEN_SECRET is required/);
    });
  });

  describe("in production", () => {
    it("requires an explicit APP_BASE_URL and AUTH0_DOMAIN", () => {
      const problems = problemsOf(testEnv({ NODE_ENV: "production", APP_BASE_URL: undefined, AUTH0_DOMAIN: undefined }));
      expect(problems).toEqual([expect.stringMatching(/^APP_BASE_URL is required in production/), expect.stringMatching(/^AUTH0_DOMAIN is required in production/)]);
    });

    it("counts a Vercel deployment as production", () => {
      expect(problemsOf(testEnv({ VERCEL: "1", AUTH0_DOMAIN: undefined }))).toEqual([expect.stringMatching(/^AUTH0_DOMAIN is required/)]);
    });
  });

  it("requires the claim namespace to be a URL ending with a slash", () => {
    expect(problemsOf(testEnv({ CLAIM_NAMESPACE: "https://x.example" }))).toEqual([expect.stringMatching(/^CLAIM_NAMESPACE must end with a slash/)]);
  });
});
