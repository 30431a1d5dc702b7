import { describe, expect, it } from "vitest";
import { parseDevConfig, parseLocalTenantConfig } from "./dev";

describe("parseDevConfig", () => {
  describe("where the app listens", () => {
    it("on loopback port 3000 by default", () => {
      expect(parseDevConfig({}).app).toEqual({ host: "127.0.0.1", port: 3000, portVariable: "PORT", publicUrl: "http://127.0.0.1:3000" });
    });

    it("on loopback whatever APP_BASE_URL's host, on its explicit port, else 3000", () => {
      expect(parseDevConfig({ APP_BASE_URL: "https://abc123.ngrok-free.app" }).app).toEqual({
        host: "127.0.0.1",
        port: 3000,
        portVariable: "PORT",
        publicUrl: "https://abc123.ngrok-free.app",
      });
      expect(parseDevConfig({ APP_BASE_URL: "http://127.0.0.1:3100/" }).app).toMatchObject({ host: "127.0.0.1", port: 3100, portVariable: "APP_BASE_URL" });
    });

    it("on PORT, which is then also the app's URL when APP_BASE_URL is unset", () => {
      expect(parseDevConfig({ PORT: "3200" }).app).toEqual({ host: "127.0.0.1", port: 3200, portVariable: "PORT", publicUrl: "http://127.0.0.1:3200" });
    });

    it("on PORT over APP_BASE_URL's port, and names a PORT that is not one", () => {
      expect(parseDevConfig({ APP_BASE_URL: "http://127.0.0.1:3100", PORT: "3200" }).app).toMatchObject({ port: 3200, portVariable: "PORT" });
      expect(() => parseDevConfig({ PORT: "http" })).toThrow(/PORT must be a port number/);
      expect(() => parseDevConfig({ PORT: "70000" })).toThrow(/PORT must be a port number/);
    });
  });

  describe("which tenant", () => {
    it("the local tenant without AUTH0_DOMAIN or with http://localhost:PORT", () => {
      expect(parseDevConfig({}).tenant).toEqual({ kind: "local", port: 4000, tlsPort: 4443, dataDir: ".data/local-tenant", https: false });
      expect(parseDevConfig({ AUTH0_DOMAIN: "http://localhost:4100", LOCAL_TENANT_TLS_PORT: "4543" }).tenant).toMatchObject({ port: 4100, tlsPort: 4543 });
    });

    it("the local tenant in its https mode with a bare localhost:PORT, as for a real tenant", () => {
      expect(parseDevConfig({ AUTH0_DOMAIN: "localhost:4100" }).tenant).toMatchObject({ kind: "local", port: 4100, https: true });
    });

    it("a real tenant without the Management API credentials, which only a dry run of the sync needs", () => {
      expect(parseDevConfig({ AUTH0_DOMAIN: "dev-xyz.eu.auth0.com" }).tenant).toEqual({ kind: "auth0", domain: "dev-xyz.eu.auth0.com", canCheckSync: false });
      expect(
        parseDevConfig({ AUTH0_DOMAIN: "dev-xyz.eu.auth0.com", AUTH0_MANAGEMENT_CLIENT_ID: "i", AUTH0_MANAGEMENT_CLIENT_SECRET: "s" }).tenant,
      ).toMatchObject({ canCheckSync: true });
    });
  });
});

describe("parseLocalTenantConfig", () => {
  it("reads the local tenant's variables as npm run dev does", () => {
    expect(parseLocalTenantConfig({ AUTH0_DOMAIN: "http://localhost:4100", LOCAL_TENANT_TLS_PORT: "4543", LOCAL_TENANT_DATA_DIR: "/tmp/t" })).toEqual({
      port: 4100,
      tlsPort: 4543,
      dataDir: "/tmp/t",
      https: false,
    });
    expect(parseLocalTenantConfig({ AUTH0_DOMAIN: "localhost:4100" })).toMatchObject({ port: 4100, https: true });
    expect(parseLocalTenantConfig({})).toEqual({ port: 4000, tlsPort: 4443, dataDir: ".data/local-tenant", https: false });
  });

  it("stands in for a real AUTH0_DOMAIN: https under that host name, on 443", () => {
    expect(parseLocalTenantConfig({ AUTH0_DOMAIN: "Tenant.Product-XYZ.test" })).toEqual({
      port: 443,
      tlsPort: 4443,
      dataDir: ".data/local-tenant",
      https: true,
      publicHost: "tenant.product-xyz.test",
    });
    expect(parseLocalTenantConfig({ AUTH0_DOMAIN: "https://dev-xyz.eu.auth0.com" })).toMatchObject({ port: 443, publicHost: "dev-xyz.eu.auth0.com" });
  });

  it("refuses a real AUTH0_DOMAIN with a port, which no Auth0 tenant has", () => {
    expect(() => parseLocalTenantConfig({ AUTH0_DOMAIN: "tenant.product-xyz.test:8443" })).toThrow(
      /AUTH0_DOMAIN names tenant\.product-xyz\.test:8443: the local tenant answers for a host name on 443 only/,
    );
  });
});
