import { describe, expect, it } from "vitest";
import type { PostLoginApi, PostLoginEvent } from "../contract/post-login";
import { MAX_HISTORY_ENTRIES } from "./lib/terms-history";
import { onContinuePostLogin, onExecutePostLogin } from "./terms-of-use";

const NAMESPACE = "https://product-xyz.example/";
const SECRETS = {
  TERMS_VERSION: "2",
  CLAIM_NAMESPACE: NAMESPACE,
  REDIRECT_TOKEN_SECRET: "a-redirect-token-secret-of-at-least-32-bytes",
  APP_BASE_URL: "https://app.example.com",
};

function event(
  overrides: { app_metadata?: Record<string, unknown>; query?: Record<string, string>; protocol?: string; loginId?: string } = {},
): PostLoginEvent {
  return {
    user: { user_id: "auth0|u1", email: "u1@example.com", app_metadata: overrides.app_metadata ?? {}, user_metadata: {} },
    client: { client_id: "app-client", name: "Product XYZ" },
    request: { hostname: "acme.eu.auth0.com", ip: "127.0.0.1", query: overrides.query ?? {} },
    transaction: { protocol: overrides.protocol ?? "oidc-basic-profile", metadata: overrides.loginId ? { login_id: overrides.loginId } : {} },
    secrets: { ...SECRETS },
  };
}

/**
 * Records the calls an Action makes on Auth0's `api` (Auth0's code, outside this product), answering
 * `canRedirect`, `encodeToken` and `validateToken` as configured. The runtime-level tests of the same Action run
 * the bundle in the local tenant's real runtime.
 */
function recordingApi(options: { canRedirect?: boolean; answer?: Record<string, unknown> } = {}) {
  const calls: Array<[string, ...unknown[]]> = [];
  const api: PostLoginApi = {
    access: { deny: (reason) => (calls.push(["access.deny", reason]), api) },
    idToken: { setCustomClaim: (name, value) => (calls.push(["idToken.setCustomClaim", name, value]), api) },
    accessToken: { setCustomClaim: (name, value) => (calls.push(["accessToken.setCustomClaim", name, value]), api) },
    user: {
      setAppMetadata: (name, value) => (calls.push(["user.setAppMetadata", name, value]), api),
      setUserMetadata: (name, value) => (calls.push(["user.setUserMetadata", name, value]), api),
    },
    redirect: {
      canRedirect: () => options.canRedirect ?? true,
      encodeToken: (input) => (calls.push(["redirect.encodeToken", input]), "encoded-token"),
      sendUserTo: (url, input) => (calls.push(["redirect.sendUserTo", url, input]), api),
      validateToken: (input) => (calls.push(["redirect.validateToken", input]), options.answer ?? {}),
    },
    cache: {
      get: () => undefined,
      set: (key) => (calls.push(["cache.set", key]), { type: "success" }),
      delete: () => ({ type: "error", code: "CacheKeyDoesNotExist" }),
    },
    transaction: { setMetadata: (key, value) => (calls.push(["transaction.setMetadata", key, value]), api) },
  };
  return { api, calls };
}

const accepted = (version: number) => ({ version, acceptedAt: "2026-01-01T00:00:00.000Z", clientId: "app-client" });

describe("terms-of-use Action", () => {
  describe("onExecutePostLogin", () => {
    it("on first login, encodes a short token with only the step, version, client and login id, and sends the user to the intake", async () => {
      const { api, calls } = recordingApi();
      await onExecutePostLogin(event(), api);
      const loginId = calls[0]?.[2];
      expect(loginId).toMatch(/^[0-9a-f-]{36}$/);
      expect(calls).toEqual([
        ["transaction.setMetadata", "login_id", loginId],
        [
          "redirect.encodeToken",
          {
            secret: SECRETS.REDIRECT_TOKEN_SECRET,
            expiresInSeconds: 300,
            payload: { step: "terms", terms_version: 2, client_id: "app-client", login_id: loginId },
          },
        ],
        ["redirect.sendUserTo", "https://app.example.com/terms/start", { query: { session_token: "encoded-token" } }],
      ]);
    });

    it("leaves a user who accepted the current version alone, telling the session the version", async () => {
      const { api, calls } = recordingApi();
      await onExecutePostLogin(event({ app_metadata: { termsAcceptanceHistory: [accepted(1), accepted(2)] } }), api);
      expect(calls).toEqual([["idToken.setCustomClaim", `${NAMESPACE}terms_version`, 2]]);
    });

    it("asks again a user who accepted only an older version", async () => {
      const { api, calls } = recordingApi();
      await onExecutePostLogin(event({ app_metadata: { termsAcceptanceHistory: [accepted(1)] } }), api);
      expect(calls.map(([name]) => name)).toEqual(["transaction.setMetadata", "redirect.encodeToken", "redirect.sendUserTo"]);
    });

    it("tells the app the latest earlier version the user accepted, and when, so the page says the terms were updated", async () => {
      const { api, calls } = recordingApi();
      const older = { ...accepted(1), acceptedAt: "2025-06-01T10:00:00.000Z" };
      await onExecutePostLogin(event({ app_metadata: { termsAcceptanceHistory: [older] } }), api);
      expect(calls[1]).toMatchObject(["redirect.encodeToken", { payload: { terms_version: 2, accepted_version: 1, accepted_at: "2025-06-01T10:00:00.000Z" } }]);
    });

    it("says the terms are step 1 of 2 when the profile step is due in the same login, and keeps that for it", async () => {
      const { api, calls } = recordingApi();
      const due = event();
      due.secrets.PROFILE_FIELDS = "favorite_color";
      await onExecutePostLogin(due, api);
      expect(calls[1]).toEqual(["transaction.setMetadata", "step_position", "1/2"]);
      expect(calls[2]).toMatchObject(["redirect.encodeToken", { payload: { position: { number: 1, of: 2 } } }]);

      const { api: filledApi, calls: filledCalls } = recordingApi();
      const filled = event();
      filled.secrets.PROFILE_FIELDS = "favorite_color";
      filled.user.user_metadata = { favorite_color: "blue" };
      await onExecutePostLogin(filled, filledApi);
      expect(filledCalls.map(([name]) => name)).toEqual(["transaction.setMetadata", "redirect.encodeToken", "redirect.sendUserTo"]);
      expect(JSON.stringify(filledCalls[1])).not.toContain("position");
    });

    it("passes what the login knows of the user's language: ui_locales in order, then the browser's language", async () => {
      const { api, calls } = recordingApi();
      const withLanguage = event({ query: { ui_locales: "de fr-CA" } });
      withLanguage.request.language = "en-GB";
      await onExecutePostLogin(withLanguage, api);
      expect(calls[1]).toMatchObject(["redirect.encodeToken", { payload: { ui_locales: ["de", "fr-CA"], language: "en-GB" } }]);
      const fromTransaction = event({ query: { ui_locales: "de" } });
      fromTransaction.transaction = { ...fromTransaction.transaction, ui_locales: ["fr", "x".repeat(36)] };
      const second = recordingApi();
      await onExecutePostLogin(fromTransaction, second.api);
      expect(second.calls[1]).toMatchObject(["redirect.encodeToken", { payload: { ui_locales: ["fr"] } }]);
    });

    it("keeps the login id an earlier step of the same login drew", async () => {
      const { api, calls } = recordingApi();
      await onExecutePostLogin(event({ loginId: "login-1" }), api);
      expect(calls[0]).toEqual(["transaction.setMetadata", "login_id", "login-1"]);
      expect(calls[1]).toMatchObject(["redirect.encodeToken", { payload: { login_id: "login-1" } }]);
    });

    it.each(["oauth2-refresh-token", "oauth2-password"])("denies a %s exchange when the terms are out of date", async (protocol) => {
      const { api, calls } = recordingApi({ canRedirect: false });
      await onExecutePostLogin(event({ protocol, app_metadata: { termsAcceptanceHistory: [accepted(1)] } }), api);
      expect(calls).toEqual([["access.deny", "terms_acceptance_required"]]);
    });

    it("lets the redirect stand under prompt=none, so Auth0 answers interaction_required", async () => {
      const { api, calls } = recordingApi({ canRedirect: false });
      await onExecutePostLogin(event({ query: { prompt: "none" } }), api);
      expect(calls.map(([name]) => name)).toEqual(["transaction.setMetadata", "redirect.encodeToken", "redirect.sendUserTo"]);
    });

    it("fails the login with the secret's name when a secret is missing", async () => {
      const { api } = recordingApi();
      const incomplete = event();
      delete incomplete.secrets.TERMS_VERSION;
      await expect(onExecutePostLogin(incomplete, api)).rejects.toThrow("The Action secret TERMS_VERSION is not set");
    });
  });

  describe("onContinuePostLogin", () => {
    const acceptedAnswer = { step: "terms", decision: "accepted", terms_version: 2, iat: 1_900_000_000, login_id: "login-1" };

    it("validates the posted token, appends the acceptance to the history and sets the claim", async () => {
      const { api, calls } = recordingApi({ answer: acceptedAnswer });
      await onContinuePostLogin(event({ loginId: "login-1", app_metadata: { termsAcceptanceHistory: [accepted(1)] } }), api);
      expect(calls).toEqual([
        ["redirect.validateToken", { secret: SECRETS.REDIRECT_TOKEN_SECRET }],
        ["user.setAppMetadata", "termsAcceptanceHistory", [accepted(1), { version: 2, acceptedAt: "2030-03-17T17:46:40.000Z", clientId: "app-client" }]],
        ["idToken.setCustomClaim", `${NAMESPACE}terms_version`, 2],
      ]);
    });

    it("keeps the history bounded", async () => {
      const { api, calls } = recordingApi({ answer: acceptedAnswer });
      const long = Array.from({ length: MAX_HISTORY_ENTRIES }, () => accepted(1));
      await onContinuePostLogin(event({ loginId: "login-1", app_metadata: { termsAcceptanceHistory: long } }), api);
      const history = calls.find(([name]) => name === "user.setAppMetadata")![2] as unknown[];
      expect(history).toHaveLength(MAX_HISTORY_ENTRIES);
      expect(history.at(-1)).toMatchObject({ version: 2 });
    });

    it.each([
      ["a decline", { ...acceptedAnswer, decision: "declined" }, "terms_declined"],
      ["an answer for another version", { ...acceptedAnswer, terms_version: 1 }, "terms_version_mismatch"],
      ["an answer for another step", { ...acceptedAnswer, step: "profile" }, "terms_acceptance_required"],
      ["an answer made from another login's token", { ...acceptedAnswer, login_id: "login-2" }, "terms_acceptance_required"],
      ["an answer without a login id", { ...acceptedAnswer, login_id: undefined }, "terms_acceptance_required"],
    ])("denies %s without touching the history", async (_name, answer, reason) => {
      const { api, calls } = recordingApi({ answer });
      await onContinuePostLogin(event({ loginId: "login-1" }), api);
      expect(calls.slice(1)).toEqual([["access.deny", reason]]);
    });
  });
});
