import { PRODUCT_API } from "../../contract/product-api";
import { describe, expect, it } from "vitest";
import { testEnv } from "../../tests/support/test-env";
import path from "node:path";
import { ConfigError, parseConfig } from "./index";

const DATABASE = "postgres://app:secret@db.example.com:5432/product";

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
        continueUrl: "http://localhost:4000/continue",
      });
      expect(config.appBaseUrl).toBe("http://127.0.0.1:3000");
    });

    it("is at http://127.0.0.1:PORT without APP_BASE_URL, where npm run dev listens", () => {
      expect(parseConfig(testEnv({ APP_BASE_URL: undefined, PORT: "3200" })).appBaseUrl).toBe("http://127.0.0.1:3200");
      expect(parseConfig(testEnv({ APP_BASE_URL: "https://abc123.ngrok-free.app", PORT: "3200" })).appBaseUrl).toBe("https://abc123.ngrok-free.app");
    });

    it("treats an empty variable as unset", () => {
      expect(parseConfig(testEnv({ AUTH0_DOMAIN: "" })).tenant.origin).toBe("http://localhost:4000");
    });
  });

  describe("with a real tenant", () => {
    it("accepts a bare host and builds the https continue URL from configuration", () => {
      const config = parseConfig(testEnv({ AUTH0_DOMAIN: "acme.eu.auth0.com" }));
      expect(config.tenant).toMatchObject({ host: "acme.eu.auth0.com", continueUrl: "https://acme.eu.auth0.com/continue" });
    });

    it("configures the local tenant's https mode from a bare localhost:PORT, as a real tenant, on https", () => {
      expect(parseConfig(testEnv({ AUTH0_DOMAIN: "localhost:5443" })).tenant).toEqual({
        origin: "https://localhost:5443",
        host: "localhost:5443",
        continueUrl: "https://localhost:5443/continue",
      });
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
      const problems = problemsOf(testEnv({ NODE_ENV: "production", APP_BASE_URL: undefined, AUTH0_DOMAIN: undefined, DATABASE_URL: DATABASE }));
      expect(problems).toEqual([expect.stringMatching(/^APP_BASE_URL is required in production/), expect.stringMatching(/^AUTH0_DOMAIN is required in production/)]);
    });

    it("counts a Vercel deployment as production", () => {
      expect(problemsOf(testEnv({ VERCEL: "1", AUTH0_DOMAIN: undefined, DATABASE_URL: DATABASE }))).toEqual([expect.stringMatching(/^AUTH0_DOMAIN is required/)]);
    });
  });

  describe("consent ledger", () => {
    it("uses PostgreSQL at DATABASE_URL, with a 3 s timeout by default", () => {
      expect(parseConfig(testEnv({ DATABASE_URL: DATABASE })).ledger).toEqual({
        backend: "postgres",
        url: DATABASE,
        timeoutMs: 3000,
        rateLimit: { records: 10, windowSeconds: 3600 },
      });
    });

    it("limits new records per user to LEDGER_RATE_LIMIT_RECORDS per LEDGER_RATE_LIMIT_WINDOW_SECONDS, 10 an hour by default", () => {
      expect(parseConfig(testEnv({ LEDGER_RATE_LIMIT_RECORDS: "3", LEDGER_RATE_LIMIT_WINDOW_SECONDS: "60" })).ledger.rateLimit).toEqual({ records: 3, windowSeconds: 60 });
      expect(problemsOf(testEnv({ LEDGER_RATE_LIMIT_RECORDS: "0", LEDGER_RATE_LIMIT_WINDOW_SECONDS: "1h" }))).toEqual([
        "LEDGER_RATE_LIMIT_RECORDS must be between 1 and 10000",
        "LEDGER_RATE_LIMIT_WINDOW_SECONDS must be a whole number, e.g. 3600",
      ]);
    });

    it("without DATABASE_URL, embeds it in .data/ledger in development, and in memory in tests", () => {
      expect(parseConfig(testEnv({ NODE_ENV: "development" })).ledger).toEqual({
        backend: "embedded",
        dataDir: path.resolve(".data", "ledger"),
        timeoutMs: 3000,
        rateLimit: { records: 10, windowSeconds: 3600 },
      });
      expect(parseConfig(testEnv()).ledger).toMatchObject({ backend: "embedded", dataDir: "memory://" });
      expect(parseConfig(testEnv({ LEDGER_DATA_DIR: "/tmp/ledger-x" })).ledger).toMatchObject({ dataDir: "/tmp/ledger-x" });
    });

    it("refuses a production build without DATABASE_URL, and says why", () => {
      expect(problemsOf(testEnv({ NODE_ENV: "production" }))).toEqual([
        expect.stringMatching(/^DATABASE_URL is required in production: the consent ledger .* serverless deployment loses/),
      ]);
      expect(problemsOf(testEnv({ VERCEL: "1" }))).toEqual([expect.stringMatching(/^DATABASE_URL is required in production/)]);
    });

    it("allows the embedded ledger in a local production build with LEDGER_EMBEDDED=1, never on Vercel", () => {
      expect(parseConfig(testEnv({ NODE_ENV: "production", LEDGER_EMBEDDED: "1" })).ledger).toMatchObject({ backend: "embedded" });
      expect(problemsOf(testEnv({ VERCEL: "1", LEDGER_EMBEDDED: "1" }))).toEqual([expect.stringMatching(/^LEDGER_EMBEDDED cannot be used on Vercel/)]);
      expect(problemsOf(testEnv({ LEDGER_EMBEDDED: "yes" }))).toEqual([expect.stringMatching(/^LEDGER_EMBEDDED must be 1/)]);
    });

    it.each([
      ["DATABASE_URL", "mysql://db.example.com/x", /^DATABASE_URL must be a postgres:\/\/ URL/],
      ["LEDGER_TIMEOUT_MS", "3s", /^LEDGER_TIMEOUT_MS must be a whole number/],
      ["LEDGER_TIMEOUT_MS", "99", /^LEDGER_TIMEOUT_MS must be between 100 and 60000/],
      ["TRUSTED_PROXY_HOPS", "-1", /^TRUSTED_PROXY_HOPS must be a whole number/],
    ])("refuses %s=%s", (name, value, message) => {
      expect(problemsOf(testEnv({ [name]: value }))).toEqual([expect.stringMatching(message)]);
    });

    it("trusts X-Forwarded-For from no proxy by default, from Vercel's edge on Vercel, or as configured", () => {
      expect(parseConfig(testEnv()).trustedProxyHops).toBe(0);
      expect(parseConfig(testEnv({ VERCEL: "1", DATABASE_URL: DATABASE })).trustedProxyHops).toBe(1);
      expect(parseConfig(testEnv({ TRUSTED_PROXY_HOPS: "2" })).trustedProxyHops).toBe(2);
    });
  });

  describe("product API access tokens", () => {
    it("are issued by the tenant for the product API of the contract, with roles in the namespaced claim", () => {
      expect(parseConfig(testEnv({ AUTH0_DOMAIN: "acme.eu.auth0.com" })).accessTokens).toEqual({
        issuer: "https://acme.eu.auth0.com/",
        audience: "https://api.product-xyz.example",
        jwksUrl: "https://acme.eu.auth0.com/.well-known/jwks.json",
        rolesClaim: "https://product-xyz.example/roles",
      });
      expect(parseConfig(testEnv()).accessTokens).toMatchObject({ issuer: "http://localhost:4000/", audience: PRODUCT_API.identifier });
    });
  });

  it("requires the claim namespace to be a URL ending with a slash", () => {
    expect(problemsOf(testEnv({ CLAIM_NAMESPACE: "https://x.example" }))).toEqual([expect.stringMatching(/^CLAIM_NAMESPACE must end with a slash/)]);
  });
});
