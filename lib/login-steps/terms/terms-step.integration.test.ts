import { randomUUID } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { jwtVerify } from "jose";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { handOffForm } from "../../../tests/support/hand-off";
import { actionSessionToken } from "../../../tests/support/session-token";
import { stepCookieOf, stepFormRequest } from "../../../tests/support/step-requests";
import { testEnv } from "../../../tests/support/test-env";
import { parseConfig } from "../../config";
import { ledgerFrom } from "../../ledger/process-ledger";
import { redirectTokenKey } from "../../redirect-token/secret-key";
import { consentSettingsFrom, type ConsentSettings } from "../settings";
import { STEP_COOKIE_NAME, unsealStepSession } from "../step-cookie";
import { handleStepIntake } from "../step-intake";
import { handleStepPage } from "../step-page";
import { handleTermsAnswer } from "./terms-answer";
import { termsStep } from "./terms-step";
import { profileStep } from "../profile/profile-step";
import { termsDocuments } from "../../terms/documents";
import { editionHtml } from "../../terms/edition-html";
import { captureRefusal } from "../../http/testing/refusal";
import { STEP_WORDS } from "../../i18n/step-words";

const env = testEnv();
const NOT_VALID = STEP_WORDS.en.errors.linkNotValid.title;
const EXPIRED = STEP_WORDS.en.errors.linkExpired.title;
const OUR_SIDE = STEP_WORDS.en.errors.cannotContinue.title;
const APP = "http://127.0.0.1:3000";
const STATE = "auth0-continue-state-123";

// A real ledger (embedded PostgreSQL in a temporary directory): every answer is recorded before it is signed.
const ledgerDirectory = mkdtempSync(path.join(tmpdir(), "terms-step-"));
const config = parseConfig({ ...env, LEDGER_DATA_DIR: path.join(ledgerDirectory, "ledger") });
let settings: ConsentSettings;
beforeAll(() => {
  settings = consentSettingsFrom(config, ledgerFrom(config.ledger));
});
afterAll(async () => {
  await settings.ledger.close();
  rmSync(ledgerDirectory, { recursive: true, force: true });
});

/** Auth0 gives every login its own state; the ledger records one answer per state. */
const uniqueState = () => `${STATE}-${randomUUID()}`;

const sessionToken = (claims: Record<string, unknown> = {}) =>
  actionSessionToken({ step: "terms", terms_version: 2, client_id: "app-client", login_id: randomUUID(), ...claims }, { secret: env.REDIRECT_TOKEN_SECRET! });

function intake(query: Record<string, string>) {
  return handleStepIntake(new Request(`${APP}/terms/start?${new URLSearchParams(query)}`), termsStep, settings);
}

function answer(path: "accept" | "decline", options: { cookie?: string; body?: string; origin?: string | null } = {}) {
  return handleTermsAnswer(stepFormRequest(`${APP}/terms/${path}`, options), path === "accept" ? "accepted" : "declined", settings);
}

describe("terms step", () => {
  describe("GET /terms/start (intake)", () => {
    it("seals the step into a cookie scoped to /terms and answers 303 to /terms", async () => {
      const response = await intake({ session_token: await sessionToken({ login_id: "login-0123456789abcdef" }), state: STATE });
      expect(response.status).toBe(303);
      expect(response.headers.get("location")).toBe("/terms");
      const setCookie = response.headers.get("set-cookie")!;
      expect(setCookie).toMatch(/^consent_step=Fe26\.2\*/);
      expect(setCookie).toContain("Path=/terms");
      expect(setCookie).toContain("HttpOnly");
      expect(setCookie).toContain("SameSite=Lax");
      expect(setCookie).not.toContain("Secure");
      const sealed = stepCookieOf(response).slice(`${STEP_COOKIE_NAME}=`.length);
      expect(unsealStepSession(sealed, settings.cookiePassword)).toEqual({
        step: "terms",
        sub: "auth0|u1",
        state: STATE,
        loginId: "login-0123456789abcdef",
        data: { termsVersion: 2, clientId: "app-client" },
      });
    });

    it.each([
      ["no state", async () => ({ session_token: await sessionToken() }), 400, "The state parameter is missing", NOT_VALID],
      ["an oversized state", async () => ({ session_token: await sessionToken(), state: "s".repeat(1025) }), 400, "longer than 1024", NOT_VALID],
      ["no token", async () => ({ state: STATE }), 400, "The session_token parameter is missing", NOT_VALID],
      ["an expired token", async () => ({ state: STATE, session_token: await sessionToken({ exp: Math.floor(Date.now() / 1000) - 60 }) }), 400, "The session_token has expired", EXPIRED],
      ["an oversized query", async () => ({ state: STATE, session_token: await sessionToken(), pad: "x".repeat(9000) }), 414, "too long", NOT_VALID],
      ["a token for another step", async () => ({ state: STATE, session_token: await sessionToken({ step: "profile" }) }), 400, 'for the "profile" step', NOT_VALID],
      ["a token without a login id", async () => ({ state: STATE, session_token: await sessionToken({ login_id: undefined }) }), 400, 'no valid "login_id" claim', OUR_SIDE],
      ["a login id that is not one", async () => ({ state: STATE, session_token: await sessionToken({ login_id: "x" }) }), 400, 'no valid "login_id" claim', OUR_SIDE],
      ["a version the app does not publish", async () => ({ state: STATE, session_token: await sessionToken({ terms_version: 9 }) }), 400, "terms version 9", OUR_SIDE],
      ["a token from another tenant", async () => ({ state: STATE, session_token: await sessionToken({ iss: "evil.example" }) }), 400, "not issued by the configured Auth0 tenant", NOT_VALID],
    ])("refuses %s with a page in the user's words, the reason in the log only, and no cookie", async (_name, query, status, reason, title) => {
      const params = await query();
      const refusal = await captureRefusal(async () => {
        const response = await intake(params);
        expect(response.headers.get("set-cookie")).toBeNull();
        return response;
      });
      expect(refusal.status).toBe(status);
      expect(refusal.html).toContain(`<h1>${title}</h1>`);
      expect(refusal.html).not.toContain(reason.replace(/"/g, "&quot;"));
      expect(refusal.html).not.toContain("session_token");
      expect(refusal.logged).toContain(reason);
    });

    it("refuses in French when the login or the browser asks for it: the words, the buttons and <html lang>", async () => {
      const french = STEP_WORDS.fr.errors;
      const forLogin = await captureRefusal(async () =>
        intake({ state: STATE, session_token: await sessionToken({ step: "profile", ui_locales: ["fr-CA"] }) }),
      );
      expect(forLogin.html).toMatch(/^<!doctype html><html lang="fr">/);
      expect(forLogin.html).toContain(`<h1>${french.linkNotValid.title}</h1>`);
      expect(forLogin.html).toContain(">Se reconnecter</a>");
      expect(forLogin.html).toContain("en indiquant la référence <span");
      expect(forLogin.logged).toContain('for the "profile" step');
      const forBrowser = await captureRefusal(() =>
        handleStepIntake(new Request(`${APP}/terms/start?state=${STATE}`, { headers: { "accept-language": "fr-FR,fr;q=0.9" } }), termsStep, settings),
      );
      expect(forBrowser.html).toContain(`<h1>${french.linkNotValid.title}</h1>`);
      // A language the app does not publish: the default.
      const german = await captureRefusal(() =>
        handleStepIntake(new Request(`${APP}/terms/start?state=${STATE}`, { headers: { "accept-language": "de" } }), termsStep, settings),
      );
      expect(german.html).toMatch(/^<!doctype html><html lang="en">/);
      expect(german.html).toContain(`<h1>${NOT_VALID}</h1>`);
    });
  });

  describe("GET /terms (page)", () => {
    const page = (cookie?: string, query = "") =>
      handleStepPage(new Request(`${APP}/terms${query}`, { headers: cookie ? { cookie } : {} }), termsStep, settings);

    it("shows the version the Action asked for, with the checkbox, Accept and Decline, and no script", async () => {
      const cookie = stepCookieOf(await intake({ session_token: await sessionToken({ terms_version: 1 }), state: uniqueState() }));
      const response = await page(cookie);
      expect(response.status).toBe(200);
      expect(response.headers.get("cache-control")).toBe("no-store, no-transform");
      const csp = response.headers.get("content-security-policy")!;
      expect(csp).toContain("frame-ancestors 'none'");
      expect(csp).toContain("form-action 'self'");
      expect(csp).not.toContain("script-src");
      // Under `no-referrer` a browser would post the forms with `Origin: null`, which the answer refuses.
      expect(response.headers.get("referrer-policy")).toBe("same-origin");
      const html = await response.text();
      expect(html).toContain(await editionHtml(termsDocuments().get(1)!));
      expect(html).not.toContain(await editionHtml(termsDocuments().get(2)!));
      expect(html).toContain('<input type="checkbox" id="agree" name="agree" value="yes" required>');
      expect(html).toContain("(version 1)");
      expect(html).toMatch(/<form method="post" action="\/terms\/accept">[\s\S]*<button type="submit" class="secondary" formaction="\/terms\/decline" formnovalidate/);
      // What Decline does is said before the button, which points at it.
      expect(html).toMatch(/id="decline-effect">Decline ends this sign-in[\s\S]*aria-describedby="decline-effect">Decline</);
      expect(html).toContain("<title>Terms of use · Product XYZ</title>");
      expect(html).toContain("Before you use Product XYZ for the first time");
      expect(html).not.toContain("Step 1 of");
      expect(html).not.toMatch(/<script/i);
      expect(html).not.toContain("tick the box");
    });

    it("says why an Accept without the box ticked was refused", async () => {
      const cookie = stepCookieOf(await intake({ session_token: await sessionToken(), state: uniqueState() }));
      expect(await (await page(cookie, "?error=agreement_required")).text()).toContain('role="alert">To accept, tick the box');
    });

    it.each([
      ["no cookie", () => Promise.resolve(undefined)],
      ["a tampered cookie", () => Promise.resolve("consent_step=Fe26.2*1*abc*def")],
      ["another step's cookie", async () => stepCookieOf(await handleStepIntake(new Request(`${APP}/profile/start?${new URLSearchParams({ session_token: await sessionToken({ step: "profile", fields: ["company"] }), state: uniqueState() })}`), profileStep, settings))],
    ])("opened with %s, says what the page is for and offers to sign in", async (_name, cookie) => {
      const response = await page(await cookie());
      expect(response.status).toBe(200);
      const html = await response.text();
      expect(html).toContain("you arrive here when there are terms of use for you to accept");
      expect(html).toContain('href="/auth/login"');
      expect(html).not.toContain("/terms/accept");
    });
    it("says the terms were updated, and the step's place, when the Action's token says so", async () => {
      const token = await sessionToken({ terms_version: 2, accepted_version: 1, accepted_at: "2025-06-01T10:00:00.000Z", position: { number: 1, of: 2 } });
      const html = await (await page(stepCookieOf(await intake({ session_token: token, state: uniqueState() })))).text();
      expect(html).toContain("We updated our terms of use. You accepted version 1;");
      expect(html).toContain('<p class="step" data-testid="step-position">Step 1 of 2</p>');
    });

    it("speaks French to a login that asks for it: why asked, the step's place, what Decline does, the buttons", async () => {
      const token = await sessionToken({ accepted_version: 1, position: { number: 1, of: 2 }, ui_locales: ["fr"] });
      const html = await (await page(stepCookieOf(await intake({ session_token: token, state: uniqueState() })))).text();
      const words = STEP_WORDS.fr.terms;
      expect(html).toMatch(/^<!doctype html><html lang="fr">/);
      expect(html).toContain(`<title>Conditions d&#39;utilisation · Product XYZ</title>`);
      expect(html).toContain('<p class="step" data-testid="step-position">Étape 1 sur 2</p>');
      expect(html).toContain("Nous avons mis à jour nos conditions d&#39;utilisation. Vous aviez accepté la version 1\u202f;");
      expect(html).toContain(`id="decline-effect">Refuser met fin à cette connexion`);
      expect(html).toContain(`<button type="submit">${words.accept}</button>`);
      expect(html).toContain('aria-describedby="decline-effect">Refuser</button>');
      expect(html).toContain('<article class="terms" lang="fr" aria-label="Conditions d&#39;utilisation, version 2">');
    });

    it.each([
      ["a position past its count", { position: { number: 3, of: 2 } }],
      ["a position of one step", { position: { number: 1, of: 1 } }],
      ["a later 'earlier' version", { accepted_version: 2 }],
    ])("ignores %s", async (_name, claims) => {
      const html = await (await page(stepCookieOf(await intake({ session_token: await sessionToken(claims), state: uniqueState() })))).text();
      expect(html).not.toContain("Step ");
      expect(html).toContain("for the first time");
    });

    it("marks the box invalid and puts the server's message beside it after a refused Accept", async () => {
      const cookie = stepCookieOf(await intake({ session_token: await sessionToken(), state: uniqueState() }));
      const html = await (await page(cookie, "?error=agreement_required")).text();
      expect(html).toMatch(/<input type="checkbox" id="agree" name="agree" value="yes" required aria-invalid="true" aria-describedby="agree-error"><label for="agree">[^<]*<\/label><\/div><p class="error" id="agree-error" role="alert">To accept, tick the box/);
    });
  });

  describe("POST /terms/accept and /terms/decline (answer)", () => {
    async function stepCookie(state = uniqueState()) {
      return stepCookieOf(await intake({ session_token: await sessionToken(), state }));
    }

    it("accept: signs an answer Auth0's validateToken accepts and posts it to the configured /continue", async () => {
      const state = uniqueState();
      const response = await answer("accept", { cookie: await stepCookie(state), body: "agree=yes" });
      expect(response.status).toBe(200);
      expect(response.headers.get("set-cookie")).toMatch(/^consent_step=; Path=\/terms; Max-Age=0/);
      expect(response.headers.get("content-security-policy")).toMatch(/script-src 'sha256-/);
      const form = handOffForm(await response.text());
      expect(form.action).toBe("http://localhost:4000/continue");
      expect(form.state).toBe(state);
      const { payload, protectedHeader } = await jwtVerify(form.session_token!, redirectTokenKey(env.REDIRECT_TOKEN_SECRET!), { algorithms: ["HS256"] });
      expect(protectedHeader).toEqual({ alg: "HS256", typ: "JWT" });
      expect(payload).toMatchObject({ sub: "auth0|u1", iss: APP, state, step: "terms", decision: "accepted", terms_version: 2 });
      expect(payload.exp! - payload.iat!).toBeLessThanOrEqual(60);
    });

    it("decline: needs no checkbox and answers declined", async () => {
      const state = uniqueState();
      const form = handOffForm(await (await answer("decline", { cookie: await stepCookie(state) })).text());
      const { payload } = await jwtVerify(form.session_token!, redirectTokenKey(env.REDIRECT_TOKEN_SECRET!));
      expect(payload).toMatchObject({ decision: "declined", state });
    });

    it("hands a French login off in French, in words that fit the answer", async () => {
      const cookie = stepCookieOf(await intake({ session_token: await sessionToken({ ui_locales: ["fr"] }), state: uniqueState() }));
      const html = await (await answer("decline", { cookie, body: "language=fr" })).text();
      expect(html).toMatch(/^<!doctype html><html lang="fr">/);
      expect(html).toContain("<h1>Votre réponse est enregistrée</h1>");
      expect(html).toContain("Vous avez refusé les conditions d&#39;utilisation");
      expect(html).toContain('<button type="submit">Continuer</button>');
    });

    it("records each answer in the ledger before handing it out", async () => {
      const before = (await settings.ledger.history("auth0|u1")).length;
      await answer("accept", { cookie: await stepCookie(), body: "agree=yes" });
      await answer("decline", { cookie: await stepCookie() });
      const history = await settings.ledger.history("auth0|u1");
      expect(history).toHaveLength(before + 2);
      expect(history.slice(0, 2).map((record) => [record.decision, record.termsVersion, record.clientId])).toEqual([
        ["declined", 2, "app-client"],
        ["accepted", 2, "app-client"],
      ]);
    });

    it("accept without the checkbox goes back to the terms with the reason, and signs nothing", async () => {
      const response = await answer("accept", { cookie: await stepCookie(), body: "agree=no" });
      expect(response.status).toBe(303);
      expect(response.headers.get("location")).toBe("/terms?error=agreement_required");
      expect(response.headers.get("set-cookie")).toBeNull();
    });

    it("refuses a post from another origin (CSRF)", async () => {
      const response = await answer("accept", { cookie: await stepCookie(), body: "agree=yes", origin: "https://evil.example" });
      expect(response.status).toBe(403);
      expect(await response.text()).toContain(STEP_WORDS.en.errors.answerRefused.title);
    });

    it("refuses a post with neither Origin nor Referer", async () => {
      expect((await answer("accept", { cookie: await stepCookie(), body: "agree=yes", origin: null })).status).toBe(403);
    });

    it.each([
      ["no cookie", undefined],
      ["a tampered cookie", "consent_step=Fe26.2*1*abc*def"],
    ])("refuses an answer with %s", async (_name, cookie) => {
      const response = await answer("accept", { cookie, body: "agree=yes" });
      expect(response.status).toBe(400);
      expect(await response.text()).toContain("Your sign-in has expired");
    });

    it("refuses a form of the wrong type or size", async () => {
      const cookie = await stepCookie();
      const json = await handleTermsAnswer(
        new Request(`${APP}/terms/accept`, { method: "POST", headers: { origin: APP, cookie, "content-type": "application/json" }, body: "{}" }),
        "accepted",
        settings,
      );
      expect(json.status).toBe(415);
      expect((await answer("accept", { cookie, body: `agree=yes&pad=${"x".repeat(9000)}` })).status).toBe(413);
    });
  });
});
