import { describe, expect, it } from "vitest";
import { isLoopbackHost } from "./loopback-host";

describe("isLoopbackHost", () => {
  it("accepts loopback names with or without a port, and nothing else", () => {
    for (const host of ["localhost:4000", "localhost", "127.0.0.1:4000", "[::1]:4000", "app.localhost:3000"]) {
      expect(isLoopbackHost(host)).toBe(true);
    }
    for (const host of ["evil.example.com", "localhost.evil.com:4000", "127.0.0.2:4000", "[::2]:4000"]) {
      expect(isLoopbackHost(host)).toBe(false);
    }
  });
});
