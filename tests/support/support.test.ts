import { describe, expect, it } from "vitest";
import { CookieJar } from "./cookie-jar";
import { findForm, textById } from "./html-forms";
import { authorizationRequest, createPkcePair } from "./oidc-login";
import { createHash } from "node:crypto";

describe("CookieJar", () => {
  it("keeps cookies per host name, shared across ports like a browser, and honours Max-Age=0", () => {
    const jar = new CookieJar();
    jar.store(new URL("http://localhost:4000/u/login"), ["session=abc; Path=/; HttpOnly; SameSite=Lax", "scoped=1; Path=/api"]);
    expect(jar.header(new URL("http://localhost:3000/"))).toBe("session=abc");
    expect(jar.header(new URL("http://localhost:4000/api/v2"))).toBe("session=abc; scoped=1");
    expect(jar.header(new URL("http://127.0.0.1:4000/"))).toBeUndefined();
    jar.store(new URL("http://localhost:4000/"), ["session=; Path=/; Max-Age=0"]);
    expect(jar.get("localhost", "session")).toBeUndefined();
  });
});

describe("html forms", () => {
  it("reads a form's action, method and named fields, decoding entities", () => {
    const page = `<form method="post" action="/u/login?state=a&amp;b" id="f"><input type="hidden" name="state" value="x&quot;y">
      <input type="checkbox" name="accept" value="yes"><input type="checkbox" name="kept" value="1" checked>
      <button type="submit" name="action" value="default">Go</button></form><p id="error-message">Wrong &amp; bad</p>`;
    expect(findForm(page, "f")).toEqual({ id: "f", action: "/u/login?state=a&b", method: "POST", fields: { state: 'x"y', kept: "1" } });
    expect(textById(page, "error-message")).toBe("Wrong & bad");
  });
});

describe("authorization requests", () => {
  it("uses PKCE S256 and fresh state and nonce", () => {
    const { verifier, challenge } = createPkcePair();
    expect(challenge).toBe(createHash("sha256").update(verifier).digest("base64url"));
    const request = authorizationRequest({ issuer: "http://localhost:4000/", clientId: "c", redirectUri: "http://127.0.0.1:3000/cb" }, { audience: "urn:api" });
    expect(request.url.origin + request.url.pathname).toBe("http://localhost:4000/authorize");
    expect(Object.fromEntries(request.url.searchParams)).toMatchObject({
      response_type: "code",
      client_id: "c",
      code_challenge_method: "S256",
      state: request.state,
      nonce: request.nonce,
      audience: "urn:api",
    });
  });
});
