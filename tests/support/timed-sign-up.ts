import { performance } from "node:perf_hooks";
import { CodedError } from "../../contract/coded-error";
import { parseForms, type HtmlForm } from "./html-forms";
import { HttpClient, type HttpResponse } from "./http-client";
import { describeLanding, land, submitSignup, type Credentials, type Landing, type OidcClient } from "./oidc-login";

/** Where the logins go: the app, and the tenant it signs in with. */
export interface SignUpTarget {
  appUrl: string;
  issuer: string;
  clientId: string;
}

/** One step of a login, timed from its first request to the end of its last (loopback: mostly the servers' time). */
export interface StepTiming {
  step: string;
  ms: number;
}

export interface TimedSignUp {
  steps: StepTiming[];
  totalMs: number;
}

/** Where a login is, updated as it goes: the step under way, and the steps done (kept when a later one fails). */
export interface SignUpProgress {
  current?: string;
  steps: StepTiming[];
}

/** A login that stopped: at which step, and what the client saw there. */
export class LoginStepError extends CodedError<"ERR_LOGIN_STEP_FAILED"> {
  constructor(
    readonly step: string,
    message: string,
  ) {
    super("ERR_LOGIN_STEP_FAILED", `${step}: ${message}`);
  }
}

/** How each step of the app is answered: the form it submits, and the values it sends. */
const STEP_ANSWERS: Record<string, { label: string; action: string; values(form: HtmlForm): Record<string, string> }> = {
  terms: { label: "accept", action: "/terms/accept", values: (form) => ({ ...form.fields, agree: "yes" }) },
  profile: {
    label: "save",
    action: "/profile/save",
    values: (form) =>
      Object.fromEntries(
        Object.keys(form.fields).map((name) => {
          const value = PROFILE_VALUES[name];
          if (value === undefined) throw new Error(`no value for the profile field "${name}": add one to PROFILE_VALUES`);
          return [name, value];
        }),
      ),
  },
};
/** Values that pass the rules of `lib/login-steps/profile/profile-fields.ts`. */
const PROFILE_VALUES: Record<string, string> = { display_name: "Load User", company: "Load Ltd", country: "FR", favorite_color: "blue" };
const MAX_APP_STEPS = 5;

/**
 * A new user's whole first login through the running app, as a browser with JavaScript off does it: the app's
 * `/auth/login` to the tenant's login page (`authorize`), the sign-up form (`sign-up`: the Actions run), each step
 * of the app (`terms intake`, `terms page`, `terms accept`, `terms /continue`, then the profile's), the app's
 * callback (its code exchange) and the signed-in product page. Throws a `LoginStepError` naming the step that did
 * not answer as it should; `progress` says where a login that never ends hangs.
 */
export async function timedSignUp(target: SignUpTarget, user: Credentials, progress: SignUpProgress = { steps: [] }): Promise<TimedSignUp> {
  const http = new HttpClient({ userAgent: "product-xyz-load" });
  const appUrl = new URL(target.appUrl);
  const client: OidcClient = { issuer: target.issuer, clientId: target.clientId, redirectUri: new URL("/auth/callback", appUrl).href };
  const { steps } = progress;
  const started = performance.now();
  const step = async <T>(name: string, work: () => Promise<T>): Promise<T> => {
    progress.current = name;
    const stepStarted = performance.now();
    try {
      const result = await work();
      steps.push({ step: name, ms: performance.now() - stepStarted });
      return result;
    } catch (error) {
      if (error instanceof LoginStepError) throw error;
      throw new LoginStepError(name, describeError(error));
    }
  };

  const loginPage = await step("authorize", async () => {
    const landing = await land(http, client, await http.get(new URL("/auth/login", appUrl)));
    if (landing.kind !== "page" || landing.response.status !== 200) throw new Error(`expected the tenant's login page, got ${describeLanding(landing)}`);
    return landing.response;
  });
  let landing = await step("sign-up", () => submitSignup(http, client, loginPage, user));

  for (let count = 0; ; count += 1) {
    const next = appStepOf(landing, appUrl);
    if (!next) break;
    if (count >= MAX_APP_STEPS) throw new LoginStepError(next.name, `more than ${MAX_APP_STEPS} app steps in one login`);
    landing = await answerStep(http, client, next.name, next.url, step);
  }

  const callback = landing;
  const product = await step("callback", async () => {
    if (callback.kind !== "callback" || callback.params.error) throw new Error(`expected the app's callback with a code, got ${describeLanding(callback)}`);
    const response = await http.get(callback.url);
    if (response.status !== 307 && response.status !== 302 && response.status !== 303) {
      throw new Error(`expected a redirect to the product, got ${response.status}: ${response.text.slice(0, 200)}`);
    }
    if (response.location?.href !== new URL("/", appUrl).href) throw new Error(`the callback sent the browser to ${response.location?.href}`);
    return response.location;
  });
  await step("product", async () => {
    const page = await http.get(product);
    if (page.status !== 200 || !page.text.includes('data-testid="user-email"')) {
      throw new Error(`not the signed-in product page: ${page.status} ${page.text.slice(0, 200)}`);
    }
  });
  return { steps, totalMs: performance.now() - started };
}

/** The app step a landing sends the browser to (`/<step>/start?session_token=…`), if any. */
function appStepOf(landing: Landing, appUrl: URL): { name: string; url: URL } | undefined {
  if (landing.kind !== "redirect" || landing.url.origin !== appUrl.origin) return undefined;
  const name = /^\/([a-z-]+)\/start$/.exec(landing.url.pathname)?.[1];
  return name ? { name, url: landing.url } : undefined;
}

async function answerStep(
  http: HttpClient,
  client: OidcClient,
  name: string,
  intakeUrl: URL,
  step: <T>(name: string, work: () => Promise<T>) => Promise<T>,
): Promise<Landing> {
  const answer = STEP_ANSWERS[name];
  if (!answer) throw new LoginStepError(`${name} intake`, `no answer known for the "${name}" step`);
  const pageUrl = await step(`${name} intake`, async () => {
    const response = await http.get(intakeUrl);
    if (response.status !== 303 || !response.location) throw new Error(`expected 303 to the step's page, got ${response.status}: ${response.text.slice(0, 200)}`);
    return response.location;
  });
  const { page, form } = await step(`${name} page`, async () => {
    const response = await http.get(pageUrl);
    const found = parseForms(response.text).find((candidate) => candidate.action === answer.action);
    if (response.status !== 200 || !found) throw new Error(`expected the page with its form, got ${response.status}: ${response.text.slice(0, 200)}`);
    return { page: response, form: found };
  });
  const handOff = await step(`${name} ${answer.label}`, async () => {
    const response = await postAsBrowser(http, page, form.action, answer.values(form));
    const continueForm = parseForms(response.text)[0];
    if (response.status !== 200 || continueForm?.action !== new URL("continue", client.issuer).href) {
      throw new Error(`expected the hand-off form to /continue, got ${response.status}: ${response.text.slice(0, 300)}`);
    }
    return { response, continueForm };
  });
  return step(`${name} /continue`, async () => {
    const landing = await land(http, client, await postAsBrowser(http, handOff.response, handOff.continueForm.action, handOff.continueForm.fields));
    if (landing.kind === "page") throw new Error(`the tenant stopped on ${describeLanding(landing)}`);
    return landing;
  });
}

/** A form post as a browser sends it: to the action resolved against the page, with the page's origin. */
function postAsBrowser(http: HttpClient, page: HttpResponse, action: string, fields: Record<string, string>): Promise<HttpResponse> {
  return http.postForm(new URL(action, page.url), fields, { headers: { origin: page.url.origin } });
}

/** The message, and for a network failure (`fetch failed`) its cause: a reset, a refused connection, a timeout. */
function describeError(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const cause = error.cause as { code?: string; message?: string } | undefined;
  return cause ? `${error.message} (${[cause.code, cause.message].filter(Boolean).join(": ")})` : error.message;
}
