import { Auth0Client } from "@auth0/nextjs-auth0/server";
import { NextRequest } from "next/server";
import { describe, expect, it, vi } from "vitest";
import { LOGIN_PATH, withLoginStartFailurePage } from "./login-start-failure";

const APP = "https://app.example";

describe("withLoginStartFailurePage", () => {
  it("sends a sign-in the SDK cannot start (its tenant unreachable) to the try-again page, not the SDK's bare 500", async () => {
    // Port 1 on localhost refuses the connection at once, as an unreachable tenant does for discovery.
    const sdk = new Auth0Client({ domain: "http://localhost:1", allowInsecureRequests: true, clientId: "c", clientSecret: "s", secret: "x".repeat(64), appBaseUrl: APP });
    const quiet = vi.spyOn(console, "error").mockImplementation(() => undefined);
    const warn = vi.spyOn(console, "warn").mockImplementation(() => undefined);
    try {
      const failed = await sdk.middleware(new NextRequest(`${APP}${LOGIN_PATH}`));
      expect(failed.status).toBe(500);
      const answer = withLoginStartFailurePage(LOGIN_PATH, failed, APP);
      expect(answer.status).toBe(303);
      expect(answer.headers.get("location")).toBe(`${APP}/sign-in-failed`);
      expect(warn).toHaveBeenCalledWith(expect.stringMatching(/^\[auth\] sign-in not started: /));
    } finally {
      quiet.mockRestore();
      warn.mockRestore();
    }
  });

  it("leaves every other answer as it is: a started sign-in, another route's error", () => {
    const started = new Response(null, { status: 307, headers: { location: "https://tenant.example/authorize" } });
    expect(withLoginStartFailurePage(LOGIN_PATH, started, APP)).toBe(started);
    const other = new Response("x", { status: 500 });
    expect(withLoginStartFailurePage("/auth/callback", other, APP)).toBe(other);
  });
});
