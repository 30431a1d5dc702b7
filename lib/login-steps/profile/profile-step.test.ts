import { randomUUID } from "node:crypto";
import { jwtVerify } from "jose";
import { describe, expect, it } from "vitest";
import { actionSessionToken } from "../../../tests/support/session-token";
import { stepCookieOf, stepFormRequest } from "../../../tests/support/step-requests";
import { testEnv } from "../../../tests/support/test-env";
import { parseConfig } from "../../config";
import { redirectTokenKey } from "../../redirect-token/secret-key";
import { STEP_WORDS } from "../../i18n/step-words";
import { PROFILE_FIELDS, validateProfile } from "./profile-fields";
import { handleProfileAnswer, profileStep } from "./profile-step";
import { profileDraftOf } from "./profile-session";
import { consentSettingsFrom } from "../settings";
import { STEP_COOKIE_NAME, unsealStepSession } from "../step-cookie";
import { handleStepIntake } from "../step-intake";
import { handleStepPage } from "../step-page";
import { termsStep } from "../terms/terms-step";
import { captureRefusal } from "../../http/testing/refusal";

const env = testEnv();
const settings = consentSettingsFrom(parseConfig(env));
const APP = "http://127.0.0.1:3000";
const key = redirectTokenKey(env.REDIRECT_TOKEN_SECRET!);
const LOGIN_ID = randomUUID();

const sessionToken = (claims: Record<string, unknown>) =>
  actionSessionToken({ step: "profile", client_id: "app-client", login_id: LOGIN_ID, ...claims }, { secret: key });

async function intake(claims: Record<string, unknown>) {
  const query = new URLSearchParams({ session_token: await sessionToken(claims), state: "state-1" });
  return handleStepIntake(new Request(`${APP}/profile/start?${query}`), profileStep, settings);
}

function save(cookie: string, fields: Record<string, string>) {
  return handleProfileAnswer(stepFormRequest(`${APP}/profile/save`, { cookie, body: fields }), settings);
}

describe("profile step", () => {
  describe("validateProfile", () => {
    it("normalises good values", () => {
      expect(validateProfile(["country", "favorite_color"], new URLSearchParams({ country: " fr ", favorite_color: "Sea Green" }), STEP_WORDS.en.profile)).toEqual({
        valid: true,
        values: { country: "FR", favorite_color: "sea green" },
      });
    });

    it("gives each bad field its own message and keeps what was typed", () => {
      expect(validateProfile(["country", "company", "display_name"], new URLSearchParams({ country: "France", company: "", display_name: "Ada" }), STEP_WORDS.en.profile)).toEqual({
        valid: false,
        values: { country: "France", company: "", display_name: "Ada" },
        errors: { country: "Enter a two-letter country code, e.g. FR or US.", company: "Enter the name of your company." },
      });
    });

    it("tells a refused value why in the page's language, a value too long by the field's limit", () => {
      const tooLong = "x".repeat(PROFILE_FIELDS.company.maxLength + 1);
      expect(validateProfile(["country", "company"], new URLSearchParams({ country: "France", company: tooLong }), STEP_WORDS.fr.profile)).toMatchObject({
        errors: {
          country: "Saisissez un code pays à deux lettres, par exemple FR ou US.",
          company: `Utilisez au plus ${PROFILE_FIELDS.company.maxLength} caractères.`,
        },
      });
    });
  });

  describe("GET /profile/start (intake)", () => {
    it("keeps the fields to ask for in the cookie scoped to /profile and answers 303 to /profile", async () => {
      const response = await intake({ fields: ["favorite_color", "company"] });
      expect(response.status).toBe(303);
      expect(response.headers.get("location")).toBe("/profile");
      expect(response.headers.get("set-cookie")).toContain("Path=/profile");
      const session = await unsealStepSession(stepCookieOf(response).slice(STEP_COOKIE_NAME.length + 1), settings.cookiePassword);
      expect(session).toEqual({ step: "profile", sub: "auth0|u1", state: "state-1", loginId: LOGIN_ID, data: { fields: "favorite_color,company", clientId: "app-client" } });
    });

    it.each([
      ["no fields", {}, 'no list of "fields"'],
      ["a field the app does not know", { fields: ["shoe_size"] }, "shoe_size, which this app does not know"],
      ["a token for the terms step", { step: "terms", fields: ["company"] }, 'for the "terms" step, not the profile step'],
      ["a token without a login id (an Action older than the app)", { fields: ["company"], login_id: undefined }, 'no valid "login_id" claim'],
    ])("refuses %s, the reason in the log under the page's reference", async (_name, claims, reason) => {
      const refusal = await captureRefusal(() => intake(claims));
      expect(refusal.status).toBe(400);
      expect(refusal.html).not.toContain(reason.replace(/"/g, "&quot;"));
      expect(refusal.logged).toContain(reason);
    });
  });

  describe("GET /profile (page)", () => {
    const page = (cookie: string) => handleStepPage(new Request(`${APP}/profile`, { headers: { cookie } }), profileStep, settings);

    it("asks for each missing field, with its label and hint, in a form that posts to /profile/save", async () => {
      const html = await (await page(stepCookieOf(await intake({ fields: ["company", "favorite_color"] })))).text();
      expect(html).toContain('<form method="post" action="/profile/save" novalidate>');
      expect(html).toContain('<label for="company">Company</label>');
      expect(html).toContain('<input id="favorite_color" name="favorite_color" value=""');
      expect(html).toContain("One or two words, e.g. blue or sea green.");
      expect(html).not.toContain('name="country"');
      expect(html).not.toContain('aria-invalid="true"');
    });

    it("shows a refused answer again: what was typed, escaped, and the field's message", async () => {
      const refused = await save(stepCookieOf(await intake({ fields: ["favorite_color"] })), { favorite_color: '"><script>x</script>' });
      const html = await (await page(stepCookieOf(refused))).text();
      expect(html).toContain('value="&quot;&gt;&lt;script&gt;x&lt;/script&gt;"');
      expect(html).not.toContain("<script>x");
      expect(html).toContain('aria-invalid="true"');
      expect(html).toContain('<span class="field-error" id="favorite_color-error" data-testid="favorite_color-error">Enter a colour name in letters');
    });

    it("opened with the terms step's cookie, says what the page is for", async () => {
      const termsCookie = stepCookieOf(await handleStepIntake(new Request(`${APP}/terms/start?${new URLSearchParams({ session_token: await sessionToken({ step: "terms", terms_version: 2 }), state: "s" })}`), termsStep, settings));
      expect(await (await page(termsCookie)).text()).toContain("you arrive here when your profile is missing something we need");
    });
  });

  describe("POST /profile/save (answer)", () => {
    it("refuses a bad value: back to the page, the typed values and the field's message in the sealed cookie", async () => {
      const response = await save(stepCookieOf(await intake({ fields: ["favorite_color"] })), { favorite_color: "#00ff00" });
      expect(response.status).toBe(303);
      expect(response.headers.get("location")).toBe("/profile");
      const session = await unsealStepSession(stepCookieOf(response).slice(STEP_COOKIE_NAME.length + 1), settings.cookiePassword);
      expect(profileDraftOf(session!)).toEqual({
        values: { favorite_color: "#00ff00" },
        errors: { favorite_color: "Enter a colour name in letters, e.g. blue or sea green." },
      });
    });

    it("signs good values for /continue, only the fields asked for", async () => {
      const response = await save(stepCookieOf(await intake({ fields: ["favorite_color"] })), { favorite_color: "Blue", company: "Not asked" });
      expect(response.status).toBe(200);
      const token = /name="session_token" value="([^"]+)"/.exec(await response.text())![1]!;
      const { payload } = await jwtVerify(token, key, { algorithms: ["HS256"] });
      expect(payload).toMatchObject({ step: "profile", sub: "auth0|u1", state: "state-1", login_id: LOGIN_ID, profile: { favorite_color: "blue" } });
      expect(payload.profile).toEqual({ favorite_color: "blue" });
    });

    it("refuses an answer carrying another step's cookie", async () => {
      const termsCookie = stepCookieOf(await handleStepIntake(new Request(`${APP}/terms/start?${new URLSearchParams({ session_token: await sessionToken({ step: "terms", terms_version: 2 }), state: "s" })}`), termsStep, settings));
      const response = await save(termsCookie, { favorite_color: "blue" });
      expect(response.status).toBe(400);
      expect(await response.text()).toContain("Your sign-in has expired");
    });
  });
});
