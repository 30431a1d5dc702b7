import { randomUUID } from "node:crypto";
import { createServer } from "node:net";
import { jwtVerify } from "jose";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { handOffForm } from "../../../tests/support/hand-off";
import { stepFormRequest } from "../../../tests/support/step-requests";
import { testEnv } from "../../../tests/support/test-env";
import { parseConfig } from "../../config";
import { consentSettingsFrom, type ConsentSettings } from "../settings";
import { sealStepSession, STEP_COOKIE_NAME } from "../step-cookie";
import { handleTermsAnswer, type TermsDecision } from "./terms-answer";
import { handleStepPage } from "../step-page";
import { termsStep } from "./terms-step";
import { redirectTokenKey } from "../../redirect-token/secret-key";
import { termsDocuments } from "../../terms/documents";
import { editionHtml } from "../../terms/edition-html";
import type { ConsentLedger } from "../../ledger/consent-ledger";
import type { Database } from "../../database/database";
import { openPostgresDatabase } from "../../database/postgres-database";
import { faultyDatabase } from "../../database/testing/fault-database";
import { startTcpProxy } from "../../database/testing/tcp-proxy";
import { backendNames, createTestBackend, serverUrl, type TestBackend } from "../../database/testing/test-backends";
import { ledgerOver } from "../../ledger/testing/ledger-over";

const APP = "http://127.0.0.1:3000";
const env = testEnv();
const config = parseConfig(env);
const answerKey = redirectTokenKey(env.REDIRECT_TOKEN_SECRET!);

interface Login {
  sub: string;
  state: string;
  cookie: string;
}

async function login(settings: ConsentSettings, language: Record<string, string> = {}): Promise<Login> {
  const sub = `auth0|${randomUUID()}`;
  const state = `state-${randomUUID()}`;
  const data = { termsVersion: 2, ...language };
  const sealed = await sealStepSession({ step: "terms", sub, state, loginId: randomUUID(), data }, settings.cookiePassword);
  return { sub, state, cookie: `${STEP_COOKIE_NAME}=${sealed}` };
}

function answer(settings: ConsentSettings, session: Login, decision: TermsDecision, headers: Record<string, string> = {}) {
  return handleTermsAnswer(
    stepFormRequest(`${APP}/terms/${decision === "accepted" ? "accept" : "decline"}`, {
      cookie: session.cookie,
      headers: { "user-agent": "TestBrowser/1.0", ...headers },
      body: decision === "accepted" ? "agree=yes" : "",
    }),
    decision,
    settings,
  );
}

/** The answer token in a hand-off page, verified; `undefined` when the page carries none. */
async function signedAnswer(response: Response) {
  const token = handOffForm(await response.clone().text()).session_token;
  return token ? (await jwtVerify(token, answerKey, { algorithms: ["HS256"] })).payload : undefined;
}

/** Sends the retry page's form as a browser would: same action, same fields, same cookie. */
async function submitRetryForm(settings: ConsentSettings, page: Response, session: Login) {
  const html = await page.text();
  const action = /<form method="post" action="([^"]*)"/.exec(html)?.[1];
  const fields = [...html.matchAll(/<input type="hidden" name="([^"]*)" value="([^"]*)">/g)].map(([, name, value]) => `${name}=${value}`);
  expect(action).toMatch(/^\/terms\/(accept|decline)$/);
  return handleTermsAnswer(
    stepFormRequest(`${APP}${action}`, { cookie: session.cookie, body: fields.join("&") }),
    action === "/terms/accept" ? "accepted" : "declined",
    settings,
  );
}

async function rowsOf(db: Database, state: string) {
  const { rows } = await db.query("SELECT user_id, terms_version, terms_sha256, decision, client_id, host(ip_address) AS ip, user_agent FROM consent_records WHERE login_state = $1", [state]);
  return rows;
}

async function expectUnavailablePage(response: Response) {
  expect(response.status).toBe(503);
  expect(response.headers.get("retry-after")).toBe("5");
  expect(response.headers.get("set-cookie")).toBeNull();
  expect(await signedAnswer(response)).toBeUndefined();
  expect(await response.clone().text()).toContain("We could not record your acceptance — try again");
}

describe.each(backendNames)("terms answers recorded in the ledger on %s", (name) => {
  let backend: TestBackend;
  let db: Database;
  let ledger: ConsentLedger;
  let settings: ConsentSettings;
  beforeAll(async () => {
    backend = await createTestBackend(name);
    db = await backend.open();
    ledger = ledgerOver(db);
    settings = consentSettingsFrom(config, ledger);
  });
  afterAll(async () => {
    await ledger.close();
    await backend.dispose();
  });

  it("accept writes exactly one row, then signs the answer", async () => {
    const session = await login(settings);
    const response = await answer(settings, session, "accepted");
    expect(response.status).toBe(200);
    expect(await signedAnswer(response)).toMatchObject({ sub: session.sub, state: session.state, decision: "accepted", terms_version: 2 });
    expect(await rowsOf(db, session.state)).toEqual([
      {
        user_id: session.sub,
        terms_version: 2,
        terms_sha256: termsDocuments().get(2)!.sha256,
        decision: "accepted",
        client_id: null,
        ip: null,
        user_agent: "TestBrowser/1.0",
      },
    ]);
  });

  it("a login asking for French shows the French text, and its acceptance records 'fr' and that text's hash", async () => {
    const session = await login(settings, { uiLocales: "fr-CA en" });
    const page = await handleStepPage(new Request(`${APP}/terms`, { headers: { cookie: session.cookie, "accept-language": "en" } }), termsStep, settings);
    const html = await page.text();
    const french = termsDocuments().get(2)!.editions.get("fr")!;
    expect(html).toMatch(/^<!doctype html><html lang="fr">/);
    expect(html).toContain(await editionHtml(french));
    expect(html).toContain("J&#39;ai lu et j&#39;accepte les conditions d&#39;utilisation (version 2)");
    expect(html).toContain('<input type="hidden" name="language" value="fr">');
    // Sent as the page's form sends it, with a browser that now says English: the text shown was French.
    const response = await handleTermsAnswer(
      new Request(`${APP}/terms/accept`, {
        method: "POST",
        headers: { origin: APP, cookie: session.cookie, "content-type": "application/x-www-form-urlencoded", "accept-language": "en" },
        body: "language=fr&agree=yes",
      }),
      "accepted",
      settings,
    );
    expect(response.status).toBe(200);
    expect(await response.clone().text()).toContain('<html lang="fr">');
    expect(await response.text()).toContain("Merci\u00a0: votre acceptation est enregistrée");
    const { rows } = await db.query("SELECT terms_language, terms_sha256 FROM consent_records WHERE login_state = $1", [session.state]);
    expect(rows).toEqual([{ terms_language: "fr", terms_sha256: french.sha256 }]);
    expect(french.sha256).not.toBe(termsDocuments().get(2)!.sha256);
  });

  it("without ui_locales or the page's field, the browser's Accept-Language chooses; English by default", async () => {
    const viaHeader = await login(settings);
    await answer(settings, viaHeader, "accepted", { "accept-language": "fr-FR,fr;q=0.9,en;q=0.5" });
    const plain = await login(settings, { browserLanguage: "de" });
    await answer(settings, plain, "accepted");
    const languages = async (state: string) =>
      (await db.query("SELECT terms_language, terms_sha256 FROM consent_records WHERE login_state = $1", [state])).rows;
    expect(await languages(viaHeader.state)).toEqual([{ terms_language: "fr", terms_sha256: termsDocuments().get(2)!.editions.get("fr")!.sha256 }]);
    expect(await languages(plain.state)).toEqual([{ terms_language: "en", terms_sha256: termsDocuments().get(2)!.sha256 }]);
  });

  it("decline is recorded too", async () => {
    const session = await login(settings);
    expect(await signedAnswer(await answer(settings, session, "declined"))).toMatchObject({ decision: "declined" });
    expect(await rowsOf(db, session.state)).toMatchObject([{ decision: "declined" }]);
  });

  it("a replayed accept writes nothing and signs again", async () => {
    const session = await login(settings);
    await answer(settings, session, "accepted");
    const replay = await answer(settings, session, "accepted");
    expect(replay.status).toBe(200);
    expect(await signedAnswer(replay)).toMatchObject({ state: session.state, decision: "accepted" });
    expect(await rowsOf(db, session.state)).toHaveLength(1);
  });

  it("another decision for a recorded login is refused with 409, and nothing is signed", async () => {
    const session = await login(settings);
    await answer(settings, session, "accepted");
    const conflict = await answer(settings, session, "declined");
    expect(conflict.status).toBe(409);
    expect(await signedAnswer(conflict)).toBeUndefined();
    expect(await conflict.text()).toContain("you accepted the terms of use (version 2)");
    expect(await rowsOf(db, session.state)).toMatchObject([{ decision: "accepted" }]);
  });

  it("records the address reported by a trusted proxy, and no more", async () => {
    const behindProxy = { ...settings, trustedProxyHops: 1 };
    const session = await login(behindProxy);
    await answer(behindProxy, session, "accepted", { "x-forwarded-for": "198.51.100.1, 203.0.113.9" });
    expect(await rowsOf(db, session.state)).toMatchObject([{ ip: "203.0.113.9" }]);
  });

  it("200 concurrent accepts from different users: 200 rows, 200 signed answers", async () => {
    const sessions = await Promise.all(Array.from({ length: 200 }, () => login(settings)));
    const started = performance.now();
    const responses = await Promise.all(sessions.map((session) => answer(settings, session, "accepted")));
    const elapsed = Math.round(performance.now() - started);
    expect(responses.map((response) => response.status)).toEqual(Array(200).fill(200));
    const { rows } = await db.query<{ n: number }>("SELECT count(*)::int AS n FROM consent_records WHERE user_id = ANY(string_to_array($1, ','))", [
      sessions.map((session) => session.sub).join(","),
    ]);
    expect(rows[0]!.n).toBe(200);
    console.log(`[${name}] 200 concurrent accepts: 200 × HTTP 200, ${rows[0]!.n} rows, ${elapsed} ms`);
  });

  describe("when the database is down or slow", () => {
    it("answers 503 with a retry form and signs nothing; the retry succeeds once it is back", async () => {
      // PGlite allows one handle per directory: the fault wraps the suite's own.
      const faulty = faultyDatabase(name === "pglite" ? db : await backend.open());
      const faultySettings = consentSettingsFrom(config, ledgerOver(faulty, 300));
      const session = await login(faultySettings);

      faulty.mode = "down";
      const down = await answer(faultySettings, session, "accepted");
      await expectUnavailablePage(down);
      expect(await rowsOf(db, session.state)).toEqual([]);

      faulty.mode = "hang";
      const started = performance.now();
      const slow = await answer(faultySettings, session, "accepted");
      const waited = Math.round(performance.now() - started);
      await expectUnavailablePage(slow);
      expect(waited).toBeLessThan(2000);

      faulty.mode = "up";
      const retried = await submitRetryForm(faultySettings, slow, session);
      expect(retried.status).toBe(200);
      expect(await signedAnswer(retried)).toMatchObject({ state: session.state, decision: "accepted" });
      expect(await rowsOf(db, session.state)).toHaveLength(1);
      console.log(`[${name}] down → 503, slow → 503 after ${waited} ms (timeout 300 ms), back → retry 200, 1 row`);
    });

    it("a closed database answers 503; after it is opened again the retry succeeds", async () => {
      const handle = name === "pglite" ? db : await backend.open();
      const closing = consentSettingsFrom(config, ledgerOver(handle));
      const session = await login(closing);
      await handle.close();
      await expectUnavailablePage(await answer(closing, session, "accepted"));

      if (name === "pglite") {
        db = await backend.open();
        ledger = ledgerOver(db);
        settings = consentSettingsFrom(config, ledger);
      }
      const reopened = name === "pglite" ? settings : consentSettingsFrom(config, ledgerOver(await backend.open()));
      const retried = await answer(reopened, session, "accepted");
      expect(retried.status).toBe(200);
      expect(await rowsOf(db, session.state)).toHaveLength(1);
      if (reopened !== settings) await reopened.ledger.close();
    });
  });
});

describe("terms answers when PostgreSQL is unreachable (pg driver)", () => {
  it("a server that refuses connections gets 503, at once", async () => {
    const closedPort = await new Promise<number>((resolve) => {
      const server = createServer().listen(0, "127.0.0.1", () => {
        const { port } = server.address() as { port: number };
        server.close(() => resolve(port));
      });
    });
    const database = openPostgresDatabase({ url: `postgres://postgres@127.0.0.1:${closedPort}/test`, timeoutMs: 1000 });
    const settings = consentSettingsFrom(config, ledgerOver(database, 1000));
    const started = performance.now();
    await expectUnavailablePage(await answer(settings, await login(settings), "accepted"));
    console.log(`[pg] closed port ${closedPort} → 503 after ${Math.round(performance.now() - started)} ms`);
    await settings.ledger.close();
  });

  describe.runIf(serverUrl)("through a proxy that cuts or stalls the connection", () => {
    let backend: TestBackend;
    beforeAll(async () => {
      backend = await createTestBackend("postgres");
    });
    afterAll(() => backend.dispose());

    it("answers 503 while it is down or stalled, and the retry succeeds when it is back", async () => {
      const target = new URL(backend.url!);
      const proxy = await startTcpProxy({ host: target.hostname, port: Number(target.port || 5432) });
      const proxied = new URL(backend.url!);
      proxied.port = String(proxy.port);
      const timeoutMs = 500;
      const database = openPostgresDatabase({ url: proxied.toString(), timeoutMs });
      const settings = consentSettingsFrom(config, ledgerOver(database, timeoutMs));
      const direct = await backend.open();
      try {
        const warm = await login(settings);
        expect((await answer(settings, warm, "accepted")).status).toBe(200);

        const session = await login(settings);
        proxy.setMode("reset");
        let started = performance.now();
        await expectUnavailablePage(await answer(settings, session, "accepted"));
        const resetMs = Math.round(performance.now() - started);

        proxy.setMode("stall");
        started = performance.now();
        const stalled = await answer(settings, session, "accepted");
        const stallMs = Math.round(performance.now() - started);
        await expectUnavailablePage(stalled);
        expect(await rowsOf(direct, session.state)).toEqual([]);

        proxy.setMode("forward");
        const retried = await submitRetryForm(settings, stalled, session);
        expect(retried.status).toBe(200);
        expect(await rowsOf(direct, session.state)).toHaveLength(1);
        console.log(`[postgres via proxy] reset → 503 after ${resetMs} ms; stalled → 503 after ${stallMs} ms (timeout ${timeoutMs} ms); back → retry 200, 1 row`);
      } finally {
        await settings.ledger.close();
        await direct.close();
        await proxy.close();
      }
    });
  });
});
