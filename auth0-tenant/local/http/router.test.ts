import { describe, expect, it } from "vitest";
import { emptyReply } from "./reply";
import { Router, type Route } from "./router";

const route = (methods: string[], path: string): Route => ({ methods, path, kind: "json", handle: async () => emptyReply(204) });

describe("Router", () => {
  const router = new Router([route(["GET"], "/api/v2/actions/actions/:id"), route(["POST"], "/api/v2/actions/actions/:id/deploy")]);

  it("matches literal segments and decodes parameters", () => {
    expect(router.match("GET", "/api/v2/actions/actions/a%7Cb")).toMatchObject({ status: "found", params: { id: "a|b" } });
    expect(router.match("POST", "/api/v2/actions/actions/x/deploy/")).toMatchObject({ status: "found", params: { id: "x" } });
  });

  it("tells a wrong method from an unknown path, and refuses bad percent-encoding", () => {
    expect(router.match("DELETE", "/api/v2/actions/actions/x")).toMatchObject({ status: "method_not_allowed", allowed: ["GET"] });
    expect(router.match("GET", "/api/v2/other")).toEqual({ status: "not_found" });
    expect(() => router.match("GET", "/api/v2/actions/actions/%E0%A4%A")).toThrow(/percent-encoding/);
  });
});
