import { describe, expect, it } from "vitest";
import { parseCliArgs } from "./cli-args";

describe("parseCliArgs", () => {
  it("reads --port, --tls-port and --data-dir, in both spellings, with defaults", () => {
    expect(parseCliArgs([])).toEqual({ port: 4000, tlsPort: 4443, dataDir: ".data/local-tenant" });
    expect(parseCliArgs(["--port", "0", "--tls-port=5443", "--data-dir=/tmp/x"])).toEqual({ port: 0, tlsPort: 5443, dataDir: "/tmp/x" });
  });

  it("refuses unknown arguments and bad ports", () => {
    expect(() => parseCliArgs(["--verbose", "1"])).toThrow(/unknown argument/);
    expect(() => parseCliArgs(["--port", "70000"])).toThrow(/--port/);
    expect(() => parseCliArgs(["--tls-port", "-1"])).toThrow(/--tls-port/);
    expect(() => parseCliArgs(["--port"])).toThrow(/needs a value/);
  });
});
