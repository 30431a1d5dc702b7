import { describe, expect, it } from "vitest";
import { parseCliArgs } from "./cli-args";

describe("parseCliArgs", () => {
  it("reads --port, --tls-port and --data-dir, in both spellings, with defaults", () => {
    expect(parseCliArgs([])).toEqual({ port: 4000, tlsPort: 4443, dataDir: ".data/local-tenant" });
    expect(parseCliArgs(["--port", "0", "--tls-port=5443", "--data-dir=/tmp/x"])).toEqual({ port: 0, tlsPort: 5443, dataDir: "/tmp/x" });
  });

  it("takes the https mode from the defaults (AUTH0_DOMAIN=localhost:PORT), with no TLS port", () => {
    expect(parseCliArgs([], { port: 4100, tlsPort: 4443, dataDir: "d", https: true })).toEqual({ port: 4100, dataDir: "d", https: true });
  });

  it("reads --management-rate-limit as Auth0 Free's figures or as RPS/BURST; no limit without it", () => {
    expect(parseCliArgs([]).managementRateLimit).toBeUndefined();
    expect(parseCliArgs(["--management-rate-limit=free"]).managementRateLimit).toEqual({ rps: 2, burst: 2 });
    expect(parseCliArgs(["--management-rate-limit", "16/50"]).managementRateLimit).toEqual({ rps: 16, burst: 50 });
  });

  it("refuses a rate limit that is not free or two whole numbers above 0, naming the flag", () => {
    for (const value of ["0/2", "2/0", "2", "1.5/2", "2/2/2", "-1/2", "fast", ""]) {
      expect(() => parseCliArgs([`--management-rate-limit=${value}`])).toThrow(
        /^--management-rate-limit must be free or RPS\/BURST, two whole numbers above 0 \(e\.g\. 16\/50\)\nusage: /,
      );
    }
  });

  it("reads --https: one TLS port, no --tls-port", () => {
    expect(parseCliArgs(["--https", "--port=5443"])).toEqual({ port: 5443, dataDir: ".data/local-tenant", https: true });
    expect(() => parseCliArgs(["--https", "--tls-port", "5444"])).toThrow(/^--https serves everything on --port; --tls-port does not apply\nusage: /);
  });

  it("reads --public-host: https under that name, on 443 unless --port says otherwise, in either order", () => {
    expect(parseCliArgs(["--public-host", "Tenant.Product-XYZ.test"])).toEqual({ port: 443, dataDir: ".data/local-tenant", https: true, publicHost: "tenant.product-xyz.test" });
    expect(parseCliArgs(["--port=4600", "--public-host=t.example.test"])).toMatchObject({ port: 4600, publicHost: "t.example.test" });
    expect(parseCliArgs(["--public-host=t.example.test", "--port=4600"])).toMatchObject({ port: 4600, publicHost: "t.example.test" });
    for (const value of ["localhost", "t.example.test:443", "127.0.0.1", "https://t.example.test", "t_x.test"]) {
      expect(() => parseCliArgs([`--public-host=${value}`]), value).toThrow(/^--public-host must be a host name with a dot and no port/);
    }
  });

  it("takes the public host from the defaults (AUTH0_DOMAIN=HOST), which --port moves", () => {
    const fromEnv = { port: 443, tlsPort: 4443, dataDir: "d", https: true, publicHost: "t.example.test" };
    expect(parseCliArgs([], fromEnv)).toEqual({ port: 443, dataDir: "d", https: true, publicHost: "t.example.test" });
    expect(parseCliArgs(["--port", "4600"], fromEnv)).toMatchObject({ port: 4600, publicHost: "t.example.test" });
  });

  it("refuses unknown arguments and bad ports", () => {
    expect(() => parseCliArgs(["--verbose", "1"])).toThrow(/unknown argument/);
    expect(() => parseCliArgs(["--port", "70000"])).toThrow(/--port/);
    expect(() => parseCliArgs(["--tls-port", "-1"])).toThrow(/--tls-port/);
    expect(() => parseCliArgs(["--port"])).toThrow(/needs a value/);
  });
});
