import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestBackend, serverUrl, type TestBackend } from "../../lib/database/testing/test-backends";
import { UNCOMPRESSED_UP_TO_BYTES } from "../../lib/http/html";
import { HttpClient, type HttpResponse } from "../support/http-client";
import { actionSessionToken } from "../support/session-token";
import { API_AUDIENCE, auditorToken } from "./support/auditor";
import { newUser } from "./support/browser-login";
import { answerTerms, finishLogin, signUpToTerms, type TermsLogin } from "./support/http-login";
import { startStack, type Stack } from "./support/stack";

/**
 * What only the production server shows: the headers Next adds or drops around our pages, how it routes odd
 * paths and queries to our handlers. `next start` of the build with the local tenant and the embedded ledger.
 */
let stack: Stack;
let backend: TestBackend | undefined;
let signedIn: TermsLogin;
let auditor: string;

/** A session token as the step's Action makes it with `api.redirect.encodeToken`. */
function sessionToken(payload: Record<string, unknown>): Promise<string> {
  return actionSessionToken(
    { login_id: randomUUID(), ...payload },
    { secret: stack.env.REDIRECT_TOKEN_SECRET!, issuer: new URL(stack.tenant.issuer).host, sub: `auth0|${randomUUID()}` },
  );
}

/** A step's page, reached through its intake with a fresh client. */
async function stepPage(step: "terms" | "profile", payload: Record<string, unknown>, headers: Record<string, string> = {}): Promise<HttpResponse> {
  const http = new HttpClient({ headers });
  const intake = new URL(`/${step}/start`, stack.appUrl);
  intake.searchParams.set("session_token", await sessionToken({ step, ...payload }));
  intake.searchParams.set("state", randomUUID());
  const chain = await http.follow(await http.get(intake));
  return chain[chain.length - 1] as HttpResponse;
}

/** What a reader sees of a page: its text without scripts (Next's flight data repeats the URL), tags or styles. */
function visibleText(html: string): string {
  return html
    .replace(/<(script|style)\b[\s\S]*?<\/\1>/g, " ")
    .replace(/<[^>]+>/g, " ")
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&quot;/g, '"')
    .replace(/&#x27;|&#39;/g, "'")
    .replace(/&amp;/g, "&");
}

beforeAll(async () => {
  // PostgreSQL when the run has one (a new embedded ledger's initdb takes a minute on a loaded machine).
  backend = serverUrl ? await createTestBackend("postgres") : undefined;
  stack = await startStack({ termsVersion: 1, env: backend?.url ? { DATABASE_URL: backend.url } : {} });
  const user = newUser("hardening");
  signedIn = await signUpToTerms(stack, user);
  const product = await finishLogin(signedIn, await answerTerms(signedIn, "accept"));
  expect(product.text).toContain(user.email);
  auditor = await auditorToken(stack.tenant);
}, 300_000);
afterAll(async () => {
  await stack?.stop();
  await backend?.dispose();
});

describe("every page refuses to be framed", () => {
  const pages: Array<[string, () => Promise<HttpResponse>, number]> = [
    ["the product page, signed out", () => new HttpClient().get(new URL("/", stack.appUrl)), 200],
    ["the product page, signed in", () => signedIn.http.get(new URL("/", stack.appUrl)), 200],
    ["/denied", () => new HttpClient().get(new URL("/denied?error=access_denied&reason=terms_declined", stack.appUrl)), 200],
    ["/account/consents, signed out", () => new HttpClient().get(new URL("/account/consents", stack.appUrl)), 200],
    ["/account/consents, signed in", () => signedIn.http.get(new URL("/account/consents", stack.appUrl)), 200],
    ["/terms/versions/1", () => new HttpClient().get(new URL("/terms/versions/1", stack.appUrl)), 200],
    ["the terms page", () => stepPage("terms", { terms_version: 1 }), 200],
    ["the profile page", () => stepPage("profile", { fields: ["favorite_color"] }), 200],
    ["the intake's error page", () => new HttpClient().get(new URL("/terms/start?state=x&session_token=garbage", stack.appUrl)), 400],
    ["a step page without its cookie", () => new HttpClient().get(new URL("/terms", stack.appUrl)), 200],
    ["an answer without its cookie", () => new HttpClient().postForm(new URL("/terms/accept", stack.appUrl), {}, { headers: { origin: stack.appUrl } }), 400],
    ["an unknown terms version", () => new HttpClient().get(new URL("/terms/versions/999", stack.appUrl)), 404],
    ["the not-found page", () => new HttpClient().get(new URL("/no-such-page", stack.appUrl)), 404],
  ];

  it.each(pages)("%s", async (_name, load, status) => {
    const page = await load();
    expect(page.status, page.text.slice(0, 300)).toBe(status);
    expect(page.headers.get("x-frame-options")).toBe("DENY");
    expect(page.headers.get("content-security-policy")).toMatch(/(^|;\s*)frame-ancestors 'none'(;|$)/);
  });

  it("keeps the step pages' own policy: no script, forms to this site only; the hand-off's one script", async () => {
    const page = await stepPage("terms", { terms_version: 1 });
    expect(page.headers.get("content-security-policy")).toContain("default-src 'none'");
    expect(page.headers.get("content-security-policy")).toContain("form-action 'self'");
    const login = await signUpToTerms(stack, newUser("hand-off"));
    const handOff = await answerTerms(login, "accept");
    expect(handOff.headers.get("content-security-policy")).toMatch(/script-src 'sha256-[^']+'/);
    expect(handOff.headers.get("x-frame-options")).toBe("DENY");
  });
});

describe("compression, where it saves the reader a round trip", () => {
  const browsersEncodings = { "accept-encoding": "gzip, deflate, br, zstd" };

  it("sends the step pages and the hand-off, which fit in the first flight, as they are", async () => {
    const page = await stepPage("terms", { terms_version: 1 }, browsersEncodings);
    expect(page.status).toBe(200);
    expect(page.headers.get("content-encoding")).toBeNull();
    expect(page.headers.get("cache-control")).toBe("no-store, no-transform");
    const login = await signUpToTerms(stack, newUser("uncompressed"));
    const handOff = await answerTerms(login, "accept");
    expect(handOff.text).toContain('name="session_token"');
    expect(handOff.headers.get("content-encoding")).toBeNull();
  });

  it("still compresses a page larger than that (the product page)", async () => {
    const page = await signedIn.http.get(new URL("/", stack.appUrl), { headers: browsersEncodings });
    expect(Buffer.byteLength(page.text)).toBeGreaterThan(UNCOMPRESSED_UP_TO_BYTES);
    expect(page.headers.get("content-encoding")).toMatch(/^(gzip|br|deflate)$/);
  });
});

describe("/denied shows only our own texts", () => {
  it.each([
    ["an unknown reason", "please_call_+1-555-0100_to_restore_your_account", "please_call"],
    ["HTML in the reason", "<b>Your account is locked</b> call 555-0100", "account is locked"],
    ["HTML in the error", "x", "555-0100"],
  ])("for %s: the generic text, none of the URL's words", async (_name, reason, words) => {
    const url = new URL("/denied", stack.appUrl);
    url.searchParams.set("error", "<i>call 555-0100</i>");
    url.searchParams.set("reason", reason);
    const page = await new HttpClient().get(url);
    expect(page.status).toBe(200);
    const shown = visibleText(page.text);
    expect(shown).toContain("Sign-in was not completed");
    expect(shown).not.toContain(words);
    expect(shown).not.toContain("555-0100");
    expect(page.text).not.toMatch(/<b>|<i>/);
  });

  it("for a known reason: its text", async () => {
    const page = await new HttpClient().get(new URL("/denied?error=access_denied&reason=terms_declined", stack.appUrl));
    expect(page.text).toContain("You declined the terms of use");
  });
});

describe("the APIs through the production server", () => {
  const consents = (query: string, headers: Record<string, string> = {}) =>
    fetch(`${stack.appUrl}/api/consents${query}`, { headers: { authorization: `Bearer ${auditor}`, ...headers } });

  it("answers 400 for a NUL byte in /api/users/{email}", async () => {
    const clients = await stack.tenant.management.expect<Array<{ name: string; client_id: string; client_secret?: string }>>(200, "GET", "clients");
    const client = clients.find((candidate) => candidate.name === "Product XYZ business-data Action");
    const token = await fetch(new URL("oauth/token", stack.tenant.issuer), {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ grant_type: "client_credentials", client_id: client?.client_id, client_secret: client?.client_secret, audience: API_AUDIENCE }),
    });
    const { access_token: accessToken } = (await token.json()) as { access_token: string };
    const response = await fetch(`${stack.appUrl}/api/users/a%00b%40example.com`, { headers: { authorization: `Bearer ${accessToken}` } });
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ error: "invalid_request", error_description: expect.stringContaining("control characters") });
  });

  // Next parses the query into a plain object on its way to the handler, where `__proto__` vanishes and
  // `constructor` or `toString` meet Object.prototype's: each must still reach the API as the client sent it.
  it.each(["__proto__=x", "__proto__[user]=x", "constructor=x", "toString=x", "hasOwnProperty=x", "userId=x"])(
    "refuses the unknown parameter %s with 400",
    async (query) => {
      const response = await consents(`?${query}`);
      expect(response.status).toBe(400);
      expect(await response.json()).toMatchObject({
        error: "invalid_request",
        error_description: `unknown parameter ${query.slice(0, query.indexOf("="))} (use user, version, since, cursor, limit, format)`,
      });
    },
  );

  it.each(["limit=5&limit=6", "__proto__=x&__proto__=y", "constructor=x&constructor=y"])("refuses the repeated parameter in %s with 400", async (query) => {
    const response = await consents(`?${query}`);
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({
      error: "invalid_request",
      error_description: `${query.slice(0, query.indexOf("="))} is given more than once`,
    });
  });

  it.each([
    ["text/csv;q=0", "application/json"],
    ["text/csv;q=0, application/json", "application/json"],
    ["text/csv;q=0.5, application/json", "application/json"],
    ["text/csv", "text/csv"],
  ])("answers Accept: %s with %s", async (accept, type) => {
    const response = await consents("", { accept });
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toContain(type);
  });
});
