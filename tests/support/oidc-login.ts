import { createHash, randomBytes } from "node:crypto";
import { decodeEntities, findForm, parseForms } from "./html-forms";
import { isRedirect, type HttpClient, type HttpResponse } from "./http-client";

/** An application registered on the tenant (local or real). */
export interface OidcClient {
  /** The tenant's issuer, e.g. `http://localhost:4000/`. */
  issuer: string;
  clientId: string;
  clientSecret?: string;
  redirectUri: string;
}

export interface AuthorizeParams {
  scope?: string;
  audience?: string;
  prompt?: "none" | "login";
  responseMode?: "query" | "fragment" | "form_post" | "web_message";
  /** Generated when omitted. */
  state?: string;
  nonce?: string;
  /** Any other query parameter, or an override (e.g. a wrong `code_challenge_method`). */
  extra?: Record<string, string>;
}

export interface AuthorizationRequest {
  url: URL;
  state: string;
  nonce: string;
  codeVerifier: string;
}

export interface Credentials {
  email: string;
  password: string;
}

/** Where the browser ended up after following the tenant's redirects. */
export type Landing =
  /**
   * Back at the application's redirect_uri: by redirect (query, fragment), by an auto-submitted form (form_post), or
   * by the page that posts a message to the redirect_uri's origin (web_message; `targetOrigin` says where).
   */
  | { kind: "callback"; url: URL; params: Record<string, string>; via: "query" | "fragment" | "form_post" | "web_message"; targetOrigin?: string }
  /** Sent somewhere else than the tenant and the callback: an Action's `api.redirect.sendUserTo`. */
  | { kind: "redirect"; url: URL }
  /** Stopped on a tenant page: the login form, a re-rendered form with an error, or an error page. */
  | { kind: "page"; response: HttpResponse };

export interface TokenSet {
  access_token: string;
  id_token?: string;
  refresh_token?: string;
  scope?: string;
  expires_in: number;
  token_type: string;
}

export function createPkcePair(): { verifier: string; challenge: string } {
  const verifier = randomBytes(32).toString("base64url");
  return { verifier, challenge: createHash("sha256").update(verifier).digest("base64url") };
}

export function authorizationRequest(client: OidcClient, params: AuthorizeParams = {}): AuthorizationRequest {
  const { verifier, challenge } = createPkcePair();
  const state = params.state ?? randomBytes(16).toString("base64url");
  const nonce = params.nonce ?? randomBytes(16).toString("base64url");
  const url = new URL("authorize", client.issuer);
  const query: Record<string, string | undefined> = {
    response_type: "code",
    client_id: client.clientId,
    redirect_uri: client.redirectUri,
    scope: params.scope ?? "openid profile email",
    state,
    nonce,
    code_challenge: challenge,
    code_challenge_method: "S256",
    audience: params.audience,
    prompt: params.prompt,
    response_mode: params.responseMode,
    ...params.extra,
  };
  for (const [name, value] of Object.entries(query)) if (value !== undefined) url.searchParams.set(name, value);
  return { url, state, nonce, codeVerifier: verifier };
}

/** Follows redirects from `response` while they stay on the tenant, and says where the browser landed. */
export async function land(http: HttpClient, client: OidcClient, response: HttpResponse): Promise<Landing> {
  const tenantOrigin = new URL(client.issuer).origin;
  const chain = await http.follow(response, {
    stopAt: (url) => isCallback(client, url) || url.origin !== tenantOrigin,
  });
  const last = chain[chain.length - 1] ?? response;
  if (isRedirect(last) && last.location) {
    if (isCallback(client, last.location)) {
      const fragment = last.location.hash.length > 1;
      const params = Object.fromEntries(fragment ? new URLSearchParams(last.location.hash.slice(1)) : last.location.searchParams);
      return { kind: "callback", url: last.location, params, via: fragment ? "fragment" : "query" };
    }
    return { kind: "redirect", url: last.location };
  }
  const formPost = parseForms(last.text).find((form) => form.id === "form-post-response");
  if (formPost && formPost.action === client.redirectUri) {
    return { kind: "callback", url: new URL(formPost.action), params: formPost.fields, via: "form_post" };
  }
  const webMessage = /<div id="web-message-response" data-target-origin="([^"]*)" data-response="([^"]*)">/.exec(last.text);
  if (webMessage) {
    const params = JSON.parse(decodeEntities(webMessage[2] ?? "{}")) as Record<string, string>;
    return { kind: "callback", url: new URL(client.redirectUri), params, via: "web_message", targetOrigin: decodeEntities(webMessage[1] ?? "") };
  }
  return { kind: "page", response: last };
}

/** `GET /authorize` and what follows: the login page, or straight to the app with an SSO session. */
export async function startAuthorization(
  http: HttpClient,
  client: OidcClient,
  params: AuthorizeParams = {},
): Promise<{ request: AuthorizationRequest; landing: Landing }> {
  const request = authorizationRequest(client, params);
  return { request, landing: await land(http, client, await http.get(request.url)) };
}

/** Fills the login page's email and password (Auth0's field names) and submits it. */
export async function submitPassword(
  http: HttpClient,
  client: OidcClient,
  loginPage: HttpResponse,
  credentials: Credentials,
): Promise<Landing> {
  const response = await http.submitForm(loginPage, { username: credentials.email, password: credentials.password });
  return land(http, client, response);
}

/** From the login page, follows its "Sign up" link and submits the sign-up form. */
export async function submitSignup(
  http: HttpClient,
  client: OidcClient,
  loginPage: HttpResponse,
  credentials: Credentials,
): Promise<Landing> {
  const href = /href="([^"]*\/u\/signup[^"]*)"/.exec(loginPage.text)?.[1];
  if (!href) throw new Error(`no sign-up link on the page ${loginPage.url.href}`);
  const signupPage = await http.get(new URL(href.replaceAll("&amp;", "&"), loginPage.url));
  const response = await http.submit(signupPage, findForm(signupPage.text), {
    email: credentials.email,
    password: credentials.password,
  });
  return land(http, client, response);
}

/** Resumes a suspended login at the tenant's `/continue`, by form POST (the default) or GET. */
export async function continueAt(
  http: HttpClient,
  client: OidcClient,
  fields: Record<string, string>,
  method: "POST" | "GET" = "POST",
): Promise<Landing> {
  const url = new URL("continue", client.issuer);
  if (method === "POST") return land(http, client, await http.postForm(url, fields));
  for (const [name, value] of Object.entries(fields)) url.searchParams.set(name, value);
  return land(http, client, await http.get(url));
}

/** `POST /oauth/token` with `client_secret_post` (or `basic`), returning the raw response. */
export function tokenRequest(
  http: HttpClient,
  client: OidcClient,
  fields: Record<string, string>,
  auth: "post" | "basic" = "post",
): Promise<HttpResponse> {
  const url = new URL("oauth/token", client.issuer);
  if (auth === "basic") {
    const basic = Buffer.from(`${encodeURIComponent(client.clientId)}:${encodeURIComponent(client.clientSecret ?? "")}`).toString("base64");
    return http.postForm(url, fields, { headers: { authorization: `Basic ${basic}` } });
  }
  return http.postForm(url, {
    client_id: client.clientId,
    ...(client.clientSecret === undefined ? {} : { client_secret: client.clientSecret }),
    ...fields,
  });
}

export function exchangeCode(http: HttpClient, client: OidcClient, code: string, codeVerifier: string): Promise<HttpResponse> {
  return tokenRequest(http, client, {
    grant_type: "authorization_code",
    code,
    code_verifier: codeVerifier,
    redirect_uri: client.redirectUri,
  });
}

export function refresh(http: HttpClient, client: OidcClient, refreshToken: string): Promise<HttpResponse> {
  return tokenRequest(http, client, { grant_type: "refresh_token", refresh_token: refreshToken });
}

/** The tenant page a login stopped on; throws with what happened instead. */
export function expectPage(landing: Landing): HttpResponse {
  if (landing.kind !== "page") throw new Error(`expected a tenant page, got ${describeLanding(landing)}`);
  return landing.response;
}

/** The parameters of the app's callback a login came back to; throws with what happened instead. */
export function expectCallback(landing: Landing): Record<string, string> {
  if (landing.kind !== "callback") throw new Error(`expected the app's callback, got ${describeLanding(landing)}`);
  return landing.params;
}

/** Where an Action's redirect sent the browser; throws with what happened instead. */
export function expectRedirect(landing: Landing): URL {
  if (landing.kind !== "redirect") throw new Error(`expected an Action redirect, got ${describeLanding(landing)}`);
  return landing.url;
}

/** The code of a callback landing, checking `state`; throws with what happened instead. */
export function codeFrom(landing: Landing, request: AuthorizationRequest): string {
  if (landing.kind !== "callback") throw new Error(`expected a callback with a code, got ${describeLanding(landing)}`);
  const { code, state, error, error_description: description } = landing.params;
  if (error) throw new Error(`the tenant answered ${error}: ${description ?? ""}`);
  if (state !== request.state) throw new Error(`state mismatch: sent ${request.state}, got ${state}`);
  if (!code) throw new Error(`callback without code: ${landing.url.href}`);
  return code;
}

export interface LoginResult {
  request: AuthorizationRequest;
  landing: Landing;
  tokens: TokenSet;
}

/**
 * The whole happy path: `/authorize` with PKCE, the login form (skipped when the browser has a tenant session),
 * the redirects back, and the code exchange. Throws, saying where it stopped, if any step does not succeed.
 */
export async function loginWithPassword(
  http: HttpClient,
  client: OidcClient,
  credentials: Credentials,
  params: AuthorizeParams = {},
): Promise<LoginResult> {
  const started = await startAuthorization(http, client, params);
  let landing = started.landing;
  if (landing.kind === "page") landing = await submitPassword(http, client, landing.response, credentials);
  const code = codeFrom(landing, started.request);
  const response = await exchangeCode(http, client, code, started.request.codeVerifier);
  if (response.status !== 200) throw new Error(`code exchange failed with ${response.status}: ${response.text}`);
  return { request: started.request, landing, tokens: response.json<TokenSet>() };
}

export function describeLanding(landing: Landing): string {
  switch (landing.kind) {
    case "callback":
      return `callback ${landing.url.href} (${JSON.stringify(landing.params)})`;
    case "redirect":
      return `redirect to ${landing.url.href}`;
    case "page":
      return `page ${landing.response.url.href} (${landing.response.status}): ${landing.response.text.replace(/\s+/g, " ").slice(0, 400)}`;
  }
}

function isCallback(client: OidcClient, url: URL): boolean {
  const callback = new URL(client.redirectUri);
  return url.origin === callback.origin && url.pathname === callback.pathname;
}
