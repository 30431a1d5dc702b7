import { Auth0Client } from "@auth0/nextjs-auth0/server";
import { describe, expect, it } from "vitest";
import { sdkTenant } from "./auth0";

describe("sdkTenant", () => {
  it("gives a tenant on https's own port as its bare host, with no insecure requests", () => {
    expect(sdkTenant("https://acme.eu.auth0.com")).toEqual({ domain: "acme.eu.auth0.com", allowInsecureRequests: false });
    expect(sdkTenant("https://tenant.product-xyz.test")).toEqual({ domain: "tenant.product-xyz.test", allowInsecureRequests: false });
  });

  it("gives the local tenant's plain http, or an https port, as its origin, which the SDK takes only with the flag", () => {
    expect(sdkTenant("http://localhost:4000")).toEqual({ domain: "http://localhost:4000", allowInsecureRequests: true });
    expect(sdkTenant("https://localhost:5443")).toEqual({ domain: "https://localhost:5443", allowInsecureRequests: true });
  });

  it.each(["https://acme.eu.auth0.com", "https://tenant.product-xyz.test", "http://localhost:4000", "https://localhost:5443"])(
    "is accepted by the Auth0 SDK for %s",
    (origin) => {
      const client = () => new Auth0Client({ ...sdkTenant(origin), clientId: "c", clientSecret: "s", secret: "x".repeat(64), appBaseUrl: "https://app.example" });
      expect(client).not.toThrow();
    },
  );

  it("is needed: the SDK refuses localhost:PORT as a domain without the flag", () => {
    expect(() => new Auth0Client({ domain: "localhost:5443", clientId: "c", clientSecret: "s", secret: "x".repeat(64), appBaseUrl: "https://app.example" })).toThrow(/port/i);
  });
});
