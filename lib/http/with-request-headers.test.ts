import { NextResponse } from "next/server";
import { describe, expect, it } from "vitest";
import { withRequestHeaders } from "./with-request-headers";

describe("withRequestHeaders", () => {
  it("lets the request through with the given headers, keeping the SDK's cookies and headers", () => {
    const sdk = NextResponse.next();
    sdk.cookies.set("__session", "rolled");
    sdk.cookies.set("__session__1", "more");
    sdk.headers.set("cache-control", "private, no-store");
    const response = withRequestHeaders(sdk, new Headers({ "x-page-locale": "fr", cookie: "a=b" }));
    expect(response.headers.get("x-middleware-next")).toBe("1");
    expect(response.headers.get("x-middleware-request-x-page-locale")).toBe("fr");
    expect(response.headers.get("x-middleware-override-headers")?.split(",").sort()).toEqual(["cookie", "x-page-locale"]);
    expect(response.headers.getSetCookie()).toEqual([expect.stringMatching(/^__session=rolled/), expect.stringMatching(/^__session__1=more/)]);
    expect(response.headers.get("cache-control")).toBe("private, no-store");
  });

  it("returns an answer that is not a pass-through as it is", () => {
    const redirect = NextResponse.redirect("https://app.example/sign-in-failed", 303);
    expect(withRequestHeaders(redirect, new Headers({ "x-page-locale": "fr" }))).toBe(redirect);
  });
});
