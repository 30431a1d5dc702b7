import { createServer, type Server } from "node:http";
import { jwtVerify } from "jose";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { nodeListener } from "../../../bench/node-adapter";
import { actionSessionToken } from "../../../tests/support/session-token";
import { testEnv } from "../../../tests/support/test-env";
import { parseConfig } from "../../config";
import { redirectTokenKey } from "../../redirect-token/secret-key";
import type { ProfileFieldName } from "../../../contract/profile-fields";
import { PROFILE_FIELDS } from "./profile-fields";
import { handleProfileAnswer, profileStep } from "./profile-step";
import { consentSettingsFrom, type ConsentSettings } from "../settings";
import { handleStepIntake, MAX_STATE_LENGTH } from "../step-intake";
import { handleStepPage } from "../step-page";

/**
 * The profile step's refused answer over real HTTP, at its largest: every field the app knows, Auth0's `state` at
 * the longest the intake takes, and each field filled to the form's 200 characters with what costs most once sealed.
 */
const env = testEnv();
const key = redirectTokenKey(env.REDIRECT_TOKEN_SECRET!);
const FIELDS = Object.keys(PROFILE_FIELDS) as ProfileFieldName[];
let server: Server;
let origin: string;
let settings: ConsentSettings;

beforeAll(async () => {
  server = createServer(
    nodeListener({
      "GET /profile/start": (request) => handleStepIntake(request, profileStep, settings),
      "GET /profile": (request) => handleStepPage(request, profileStep, settings),
      "POST /profile/save": (request) => handleProfileAnswer(request, settings),
    }),
  );
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  origin = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
  settings = { ...consentSettingsFrom(parseConfig(env)), appOrigin: origin };
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

async function signIn(sub = `samlp|corporate-directory|${"u".repeat(80)}`): Promise<string> {
  const token = await actionSessionToken({ step: "profile", fields: FIELDS, client_id: "c".repeat(128), login_id: "l".repeat(128) }, { secret: key, sub });
  const query = new URLSearchParams({ session_token: token, state: "s".repeat(MAX_STATE_LENGTH) });
  const response = await fetch(`${origin}/profile/start?${query}`, { redirect: "manual" });
  expect(response.status).toBe(303);
  return setCookieOf(response);
}

function setCookieOf(response: Response): string {
  const [cookie] = response.headers.getSetCookie();
  if (!cookie) throw new Error(`no Set-Cookie (status ${response.status})`);
  return cookie;
}

function save(cookie: string, values: Record<string, string>) {
  return fetch(`${origin}/profile/save`, {
    method: "POST",
    redirect: "manual",
    headers: { origin, cookie: cookie.split(";")[0]!, "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams(values).toString(),
  });
}

/** Every field at the form's 200 characters, of `pattern` repeated. */
const filled = (pattern: string) => Object.fromEntries(FIELDS.map((field) => [field, pattern.repeat(200 / pattern.length)]));

describe("a refused profile answer, at its largest, over HTTP", () => {
  it.each([
    ["control characters", filled("\u0001")],
    ["quotes and backslashes", filled('"\\')],
    ["three-byte characters", filled("€")],
    // The form's 8 kB bound leaves room for one field of emoji (12 bytes each, URL-encoded).
    ["format characters and emoji", { ...filled("\u200b"), display_name: "😀".repeat(150) }],
  ])("with %s keeps a cookie under 4096 bytes, and the user corrects it and goes on", async (what, answer) => {
    const refused = await save(await signIn(), answer);
    expect(refused.status).toBe(303);
    expect(refused.headers.get("location")).toBe("/profile");
    const cookie = setCookieOf(refused);
    expect(Buffer.byteLength(cookie)).toBeLessThan(4096);

    const page = await fetch(`${origin}/profile`, { headers: { cookie: cookie.split(";")[0]! } });
    expect(page.status).toBe(200);
    const html = await page.text();
    for (const field of FIELDS) expect(html).toContain(`id="${field}-error"`);

    const corrected = await save(cookie, { display_name: "Ada Lovelace", company: "Analytical Engines", country: "gb", favorite_color: "sea green" });
    expect(corrected.status).toBe(200);
    const token = /name="session_token" value="([^"]+)"/.exec(await corrected.text())?.[1];
    const { payload } = await jwtVerify(token!, key, { algorithms: ["HS256"] });
    expect(payload).toMatchObject({ step: "profile", state: "s".repeat(MAX_STATE_LENGTH), profile: { country: "GB", favorite_color: "sea green" } });
    console.log(`${what}: Set-Cookie ${Buffer.byteLength(cookie)} bytes`);
  });

  it("with a sign-in that leaves less room (a long user id), keeps the messages without the values, and the user goes on", async () => {
    const refused = await save(await signIn(`samlp|corporate-directory|${"u".repeat(600)}`), filled("€"));
    const cookie = setCookieOf(refused);
    expect(Buffer.byteLength(cookie)).toBeLessThan(4096);
    const html = await (await fetch(`${origin}/profile`, { headers: { cookie: cookie.split(";")[0]! } })).text();
    for (const field of FIELDS) expect(html).toContain(`id="${field}-error"`);
    expect(html).not.toContain("€");
    const corrected = await save(cookie, { display_name: "Ada Lovelace", company: "Analytical Engines", country: "gb", favorite_color: "blue" });
    expect(corrected.status).toBe(200);
  });

  it("shows what was typed again, without its control characters, cut a little beyond the longest valid value", async () => {
    const refused = await save(await signIn(), { display_name: `Ada\u0000${"x".repeat(150)}`, company: "", country: "France", favorite_color: "blue" });
    const html = await (await fetch(`${origin}/profile`, { headers: { cookie: setCookieOf(refused).split(";")[0]! } })).text();
    expect(html).toContain(`name="display_name" value="Ada${"x".repeat(PROFILE_FIELDS.display_name.maxLength + 20 - 3)}"`);
    expect(html).toContain('name="country" value="France"');
    expect(html).toContain('name="favorite_color" value="blue"');
  });
});
