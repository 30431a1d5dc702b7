import { channel } from "node:diagnostics_channel";
import { describe, expect, it } from "vitest";
import type { Exchange } from "./app-login";
import { collectServerTimes, parseServerTimes, serverTimeOf } from "./server-timing";

const exchange = (id: string, href: string): Exchange => ({ id, method: "GET", url: new URL(href), status: 200, ms: 9 });

describe("collectServerTimes", () => {
  it("times the requests that carry x-bench-exchange, from request start to response finish, until stopped", () => {
    const request = (headers: Record<string, string>) => ({ request: { headers } });
    const serve = (message: { request: unknown }) => {
      channel("http.server.request.start").publish(message);
      channel("http.server.response.finish").publish(message);
    };
    const collector = collectServerTimes();
    serve(request({ "x-bench-exchange": "a" }));
    serve(request({}));
    collector.stop();
    serve(request({ "x-bench-exchange": "b" }));
    expect([...collector.times.keys()]).toEqual(["a"]);
    expect(collector.times.get("a")).toBeGreaterThanOrEqual(0);
  });
});

describe("parseServerTimes", () => {
  it("reads the hook's `<id> <ms>` lines, and refuses anything else", () => {
    expect(parseServerTimes("a 1.250\nb 0.031\n")).toEqual(new Map([["a", 1.25], ["b", 0.031]]));
    expect(() => parseServerTimes("a 1.2 extra\n")).toThrow('not a server-timing line: "a 1.2 extra"');
    expect(() => parseServerTimes("a\n")).toThrow("not a server-timing line");
  });
});

describe("serverTimeOf", () => {
  const times = new Map([
    ["http://127.0.0.1:3000", new Map([["app-1", 1.5]])],
    ["https://127.0.0.1:4443", new Map([["tenant-1", 0.75]])],
  ]);

  it("finds an exchange's time among the times of the server at its origin", () => {
    expect(serverTimeOf(exchange("app-1", "http://127.0.0.1:3000/terms"), times)).toBe(1.5);
    expect(serverTimeOf(exchange("tenant-1", "https://127.0.0.1:4443/continue"), times)).toBe(0.75);
  });

  it("throws, naming the request, when its time is missing (never a silent 0)", () => {
    expect(() => serverTimeOf(exchange("tenant-1", "http://127.0.0.1:3000/terms"), times)).toThrow(
      "no server time for GET http://127.0.0.1:3000/terms (exchange tenant-1)",
    );
    expect(() => serverTimeOf(exchange("x", "http://127.0.0.1:9/api/health"), times)).toThrow("no server times from http://127.0.0.1:9");
  });
});
