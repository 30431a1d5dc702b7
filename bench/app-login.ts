import { randomUUID } from "node:crypto";
import { performance } from "node:perf_hooks";
import { parseForms, type HtmlForm } from "../tests/support/html-forms";
import { HttpClient, type HttpResponse, type RequestOptions } from "../tests/support/http-client";
import { describeLanding, land, submitPassword, submitSignup, type Credentials, type Landing, type OidcClient } from "../tests/support/oidc-login";
import type { Stack } from "../tests/e2e/support/stack";
import { EXCHANGE_HEADER } from "./tagged-request-timing.mjs";

/** One request of a login, as the client saw it: loopback, so its time is the server's plus a little transport. */
export interface Exchange {
  /** Sent as the `x-bench-exchange` header, by which the server's own time of this request is found. */
  id: string;
  method: string;
  url: URL;
  status: number;
  ms: number;
}

/** A step of the app that a login went through, e.g. `terms`: its requests, from its intake to the tenant's `/continue`. */
export interface StepTrace {
  step: string;
  exchanges: Exchange[];
}

export interface LoginTrace {
  exchanges: Exchange[];
  totalMs: number;
  steps: StepTrace[];
}

/** How the bench answers each step of the app: the form it submits, and the values it sends. */
const STEP_ANSWERS: Record<string, { action: string; values(form: HtmlForm): Record<string, string> }> = {
  terms: { action: "/terms/accept", values: (form) => ({ ...form.fields, agree: "yes" }) },
  profile: {
    action: "/profile/save",
    values: (form) =>
      Object.fromEntries(
        Object.keys(form.fields).map((name) => {
          const value = PROFILE_VALUES[name];
          if (value === undefined) throw new Error(`the bench has no value for the profile field "${name}": add one to PROFILE_VALUES`);
          return [name, value];
        }),
      ),
  },
};
/** Values that pass the rules of `lib/login-steps/profile/profile-fields.ts`. */
const PROFILE_VALUES: Record<string, string> = { display_name: "Bench User", company: "Bench Ltd", country: "FR", favorite_color: "blue" };
/** A login goes through a few steps at most; more means a loop. */
const MAX_STEPS = 5;

/**
 * The browser-like client of the tests, timing every request it makes (redirects followed one by one), and naming
 * each in a header so that a server can time it too.
 */
export class TimedHttpClient extends HttpClient {
  readonly exchanges: Exchange[] = [];

  override async request(method: string, url: string | URL, options: RequestOptions = {}): Promise<HttpResponse> {
    const id = randomUUID();
    const started = performance.now();
    const response = await super.request(method, url, { ...options, headers: { ...options.headers, [EXCHANGE_HEADER]: id } });
    this.exchanges.push({ id, method, url: response.url, status: response.status, ms: performance.now() - started });
    return response;
  }
}

/**
 * A whole login through the app, as a browser with JavaScript off does it: the app's `/auth/login`, the tenant's
 * login (or sign-up) page, the Actions, each step of the app the tenant sends the browser to (intake, page, the
 * form answered — terms accepted with the box ticked, profile filled — and the hand-off form posted to
 * `/continue` as its no-script button does), the app's callback, and the product page showing the user. Throws,
 * saying where, if anything does not answer as it should.
 */
export async function loginThroughApp(stack: Stack, user: Credentials, how: "sign-up" | "password"): Promise<LoginTrace> {
  const http = new TimedHttpClient({ userAgent: "product-xyz-bench" });
  const appUrl = new URL(stack.appUrl);
  const client: OidcClient = {
    issuer: stack.tenant.issuer,
    clientId: stack.env.AUTH0_CLIENT_ID ?? "",
    redirectUri: new URL("/auth/callback", appUrl).href,
  };
  const started = performance.now();
  let landing = await land(http, client, await http.get(new URL("/auth/login", appUrl)));
  if (landing.kind !== "page") throw new Error(`/auth/login: expected the tenant's login page, got ${describeLanding(landing)}`);
  landing = how === "sign-up" ? await submitSignup(http, client, landing.response, user) : await submitPassword(http, client, landing.response, user);

  const steps: StepTrace[] = [];
  for (let step = stepOf(landing, appUrl); step; step = stepOf(landing, appUrl)) {
    if (steps.length >= MAX_STEPS) throw new Error(`more than ${MAX_STEPS} steps in one login`);
    const first = http.exchanges.length;
    landing = await answerStep(http, client, step.name, step.url);
    steps.push({ step: step.name, exchanges: http.exchanges.slice(first) });
  }

  if (landing.kind !== "callback" || landing.params.error) throw new Error(`expected the app's callback with a code, got ${describeLanding(landing)}`);
  const chain = await http.follow(await http.get(landing.url));
  const product = chain[chain.length - 1];
  if (product?.status !== 200 || !product.text.includes('data-testid="user-email"')) {
    throw new Error(`the callback did not end on the signed-in product page: ${product?.status} ${product?.url.href}`);
  }
  return { exchanges: http.exchanges, totalMs: performance.now() - started, steps };
}

/** The app step a landing sends the browser to (`/<step>/start?session_token=…`), if any. */
function stepOf(landing: Landing, appUrl: URL): { name: string; url: URL } | undefined {
  if (landing.kind !== "redirect" || landing.url.origin !== appUrl.origin) return undefined;
  const name = /^\/([a-z-]+)\/start$/.exec(landing.url.pathname)?.[1];
  return name ? { name, url: landing.url } : undefined;
}

async function answerStep(http: HttpClient, client: OidcClient, step: string, intakeUrl: URL): Promise<Landing> {
  const answer = STEP_ANSWERS[step];
  if (!answer) throw new Error(`the bench does not know how to answer the "${step}" step`);
  const chain = await http.follow(await http.get(intakeUrl));
  const page = chain[chain.length - 1];
  const form = page && parseForms(page.text).find((candidate) => candidate.action === answer.action);
  if (!page || page.status !== 200 || !form) throw new Error(`the ${step} intake did not lead to its page: ${page?.status} ${page?.url.href}`);
  const handOff = await postAsBrowser(http, page, form.action, answer.values(form));
  const continueForm = parseForms(handOff.text)[0];
  if (handOff.status !== 200 || !continueForm || continueForm.action !== new URL("continue", client.issuer).href) {
    throw new Error(`the ${step} answer did not lead to the hand-off form to /continue: ${handOff.status} ${handOff.text.slice(0, 300)}`);
  }
  return land(http, client, await postAsBrowser(http, handOff, continueForm.action, continueForm.fields));
}

/** A form post as a browser sends it: to the action resolved against the page, with the page's origin. */
function postAsBrowser(http: HttpClient, page: HttpResponse, action: string, fields: Record<string, string>): Promise<HttpResponse> {
  return http.postForm(new URL(action, page.url), fields, { headers: { origin: page.url.origin } });
}
