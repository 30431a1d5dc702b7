import { parseForms, type HtmlForm } from "../../support/html-forms";
import { HttpClient, type HttpResponse } from "../../support/http-client";
import { describeLanding, land, submitSignup, type Credentials, type Landing, type OidcClient } from "../../support/oidc-login";
import type { Stack } from "./stack";

/** Values that pass the rules of `lib/login-steps/profile/profile-fields.ts`. */
const PROFILE_VALUES: Record<string, string> = { display_name: "Test User", company: "Test Ltd", country: "FR", favorite_color: "blue" };

/** A login stopped on the app's terms page, driven by the tests' HTTP client (no JavaScript, as a no-script browser). */
export interface TermsLogin {
  http: HttpClient;
  client: OidcClient;
  page: HttpResponse;
  /** The `Cookie` header the terms page was served with (the sealed step cookie), to replay an old form. */
  cookie: string;
}

export function appClient(stack: Stack): OidcClient {
  return { issuer: stack.tenant.issuer, clientId: stack.env.AUTH0_CLIENT_ID ?? "", redirectUri: new URL("/auth/callback", stack.appUrl).href };
}

/** Signs a new user up through the app's `/auth/login` and follows the tenant until the terms page. */
export async function signUpToTerms(stack: Stack, user: Credentials): Promise<TermsLogin> {
  const http = new HttpClient({ userAgent: "product-xyz-tests" });
  const client = appClient(stack);
  const login = await land(http, client, await http.get(new URL("/auth/login", stack.appUrl)));
  if (login.kind !== "page") throw new Error(`/auth/login: expected the tenant's login page, got ${describeLanding(login)}`);
  const landing = await submitSignup(http, client, login.response, user);
  if (landing.kind !== "redirect" || landing.url.pathname !== "/terms/start") throw new Error(`expected the terms intake, got ${describeLanding(landing)}`);
  const chain = await http.follow(await http.get(landing.url));
  const page = chain[chain.length - 1];
  if (page?.status !== 200 || page.url.pathname !== "/terms") throw new Error(`the intake did not lead to /terms: ${page?.status} ${page?.url.href}`);
  return { http, client, page, cookie: http.cookies.header(page.url) ?? "" };
}

/** A form post as a browser sends it: to the action resolved against the page, with the page's origin. */
export function postAsBrowser(http: HttpClient, page: HttpResponse, action: string, fields: Record<string, string>, cookie?: string) {
  return http.postForm(new URL(action, page.url), fields, { headers: { origin: page.url.origin, ...(cookie ? { cookie } : {}) } });
}

/** Answers the terms page (Accept with the box ticked, or Decline). */
export function answerTerms(login: TermsLogin, decision: "accept" | "decline", cookie?: string): Promise<HttpResponse> {
  return postAsBrowser(login.http, login.page, `/terms/${decision}`, decision === "accept" ? { agree: "yes" } : {}, cookie);
}

/** Sends the only form of a page (a retry page, the hand-off) as its button does. */
export function submitOnlyForm(login: TermsLogin, page: HttpResponse): Promise<HttpResponse> {
  const [form] = parseForms(page.text);
  if (!form) throw new Error(`no form on the page (${page.status}): ${page.text.slice(0, 300)}`);
  return postAsBrowser(login.http, page, form.action, form.fields);
}

/**
 * From the terms answer's hand-off page: `/continue`, the profile step if it is due, the app's callback, and the
 * page the login ends on (the product page, signed in; `/denied` for a declined login).
 */
export async function finishLogin(login: TermsLogin, handOff: HttpResponse): Promise<HttpResponse> {
  let landing = await continueFrom(login, handOff);
  if (landing.kind === "redirect" && landing.url.pathname === "/profile/start") {
    const chain = await login.http.follow(await login.http.get(landing.url));
    const page = chain[chain.length - 1];
    const form = page && parseForms(page.text).find((candidate) => candidate.action === "/profile/save");
    if (!page || !form) throw new Error(`the profile intake did not lead to its page: ${page?.status} ${page?.url.href}`);
    landing = await continueFrom(login, await postAsBrowser(login.http, page, form.action, profileValues(form)));
  }
  if (landing.kind !== "callback") throw new Error(`expected the app's callback, got ${describeLanding(landing)}`);
  const chain = await login.http.follow(await login.http.get(landing.url));
  const last = chain[chain.length - 1];
  if (!last) throw new Error("no answer from the callback");
  return last;
}

async function continueFrom(login: TermsLogin, handOff: HttpResponse): Promise<Landing> {
  const [form] = parseForms(handOff.text);
  if (handOff.status !== 200 || !form || form.action !== new URL("continue", login.client.issuer).href) {
    throw new Error(`expected the hand-off form to /continue, got ${handOff.status}: ${handOff.text.slice(0, 300)}`);
  }
  return land(login.http, login.client, await postAsBrowser(login.http, handOff, form.action, form.fields));
}

function profileValues(form: HtmlForm): Record<string, string> {
  return Object.fromEntries(
    Object.keys(form.fields).map((name) => {
      const value = PROFILE_VALUES[name];
      if (value === undefined) throw new Error(`no test value for the profile field "${name}"`);
      return [name, value];
    }),
  );
}
