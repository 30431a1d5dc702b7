import { describe, expect, it } from "vitest";
import { createActionsCache } from "./cache";
import { makeAction, makeContext, makeUser, NOW_MS, run } from "./test-fixtures";

/** An Action whose onExecutePostLogin body is `body`. */
const onExecute = (body: string, name?: string) =>
  makeAction(`exports.onExecutePostLogin = async (event, api) => {\n${body}\n};`, name ? { name } : {});

describe("runPostLogin", () => {
  describe("binding order", () => {
    it("runs every Action in order and completes", async () => {
      const actions = ["first", "second", "third"].map((name) => onExecute(`console.log("${name}");`, name));
      const { outcome, logs } = await run(actions);
      expect(logs.map((entry) => `${entry.action}:${entry.message}`)).toEqual(["first:first", "second:second", "third:third"]);
      expect(outcome).toEqual({
        kind: "completed",
        commands: {
          idTokenClaims: {},
          accessTokenClaims: {},
          scopeChanges: {},
          transactionMetadata: {},
          recordedMethods: [],
          passedFactors: [],
        },
        userUpdates: {},
      });
    });

    it("runs an empty binding list to completion", async () => {
      expect((await run([])).outcome.kind).toBe("completed");
    });
  });

  describe("user metadata", () => {
    it("shows earlier writes to later Actions, but not to the Action that wrote them", async () => {
      const writer = onExecute(`
        api.user.setAppMetadata("terms", { version: 3 }).user.setAppMetadata("plan", null);
        api.user.setUserMetadata("color", "blue");
        api.idToken.setCustomClaim("writer_saw", [event.user.app_metadata.terms ?? "none", event.user.app_metadata.plan]);
      `);
      const reader = onExecute(`
        api.idToken.setCustomClaim("reader_saw", [event.user.app_metadata, event.user.user_metadata]);
      `);
      const { outcome } = await run([writer, reader]);
      expect(outcome).toMatchObject({
        kind: "completed",
        commands: {
          idTokenClaims: {
            writer_saw: ["none", "gold"],
            reader_saw: [{ terms: { version: 3 } }, { color: "blue" }],
          },
        },
        userUpdates: { app_metadata: { terms: { version: 3 }, plan: null }, user_metadata: { color: "blue" } },
      });
    });

    it("fails with Auth0's message when the stored app_metadata is not an object", async () => {
      const user = makeUser({ app_metadata: ["odd"] as unknown as Record<string, unknown> });
      const { outcome } = await run([onExecute('api.user.setAppMetadata("a", 1);')], { user });
      expect(outcome).toMatchObject({ kind: "failed", message: "Unexpected app_metadata format. Must be a valid JSON object" });
    });

    it("fails a write that would exceed 32 kB", async () => {
      const { outcome } = await run([onExecute('api.user.setAppMetadata("blob", "x".repeat(40000));')]);
      expect(outcome).toMatchObject({ kind: "failed", message: expect.stringMatching(/at most 32768 bytes/) });
    });
  });

  describe("transaction metadata", () => {
    it("is visible at once in the same Action and in later ones", async () => {
      const { outcome } = await run([
        onExecute('api.transaction.setMetadata("step", 1); api.idToken.setCustomClaim("same", event.transaction.metadata.step);'),
        onExecute('api.idToken.setCustomClaim("later", event.transaction.metadata); api.transaction.setMetadata("step", null);'),
      ]);
      expect(outcome).toMatchObject({
        commands: { idTokenClaims: { same: 1, later: { step: 1 } }, transactionMetadata: {} },
      });
    });
  });

  describe("event", () => {
    it("has the v3 shape built from the user and the login context", async () => {
      const context = makeContext({ resource_server: { identifier: "https://api.example.com/" } });
      const action = onExecute('api.idToken.setCustomClaim("event", event);');
      const { outcome } = await run([{ ...action, secrets: { SIGNING: "s3cret" } }, onExecute("")], { context });
      const event = outcome.kind === "completed" ? (outcome.commands.idTokenClaims.event as Record<string, unknown>) : {};
      const { groups: _groups, roles: _roles, logins_count: _logins, ...user } = makeUser();
      expect(event).toEqual({
        user,
        stats: { logins_count: 7 },
        authorization: { roles: ["admin", "editor"] },
        client: context.client,
        connection: context.connection,
        request: context.request,
        transaction: { ...context.transaction, metadata: {} },
        authentication: context.authentication,
        resource_server: { identifier: "https://api.example.com/" },
        tenant: { id: "local" },
        secrets: { SIGNING: "s3cret" },
      });
    });

    it("gives each Action only its own secrets", async () => {
      const first = { ...onExecute(""), secrets: { A: "1" } };
      const second = { ...onExecute('api.idToken.setCustomClaim("secrets", event.secrets);'), secrets: { B: "2" } };
      expect((await run([first, second])).outcome).toMatchObject({ commands: { idTokenClaims: { secrets: { B: "2" } } } });
    });

    it("carries refresh_token on a refresh exchange", async () => {
      const refresh_token = { id: "rt_1", client_id: "client-1", created_at: "2029-12-01T00:00:00.000Z" };
      const context = makeContext({ refresh_token, transaction: { ...makeContext().transaction, protocol: "oauth2-refresh-token" } });
      const { outcome } = await run([onExecute('api.idToken.setCustomClaim("rt", event.refresh_token);')], { context });
      expect(outcome).toMatchObject({ commands: { idTokenClaims: { rt: refresh_token } } });
    });

    it("cannot be used to change the store or what later Actions see", async () => {
      const user = makeUser();
      const { outcome } = await run(
        [
          onExecute('event.user.app_metadata.plan = "hacked"; event.user.email = "x@evil"; event.authorization.roles.push("root");'),
          onExecute('api.idToken.setCustomClaim("seen", [event.user.app_metadata.plan, event.user.email, event.authorization.roles]);'),
        ],
        { user },
      );
      expect(outcome).toMatchObject({ commands: { idTokenClaims: { seen: ["gold", "ada@example.com", ["admin", "editor"]] } } });
      expect(user).toEqual(makeUser());
    });
  });

  describe("api.access.deny", () => {
    it("lets the Action finish, skips later Actions and keeps the metadata written so far", async () => {
      const { outcome, logs } = await run([
        onExecute('api.user.setAppMetadata("first", true);'),
        onExecute('api.access.deny("not_allowed", "ignored second argument"); api.user.setUserMetadata("denied", true); console.log("still running");', "gate"),
        onExecute('console.log("never");'),
      ]);
      expect(outcome).toEqual({
        kind: "denied",
        reason: "not_allowed",
        action: "gate",
        userUpdates: { app_metadata: { first: true }, user_metadata: { denied: true } },
      });
      expect(logs.map((entry) => entry.message)).toEqual(["still running"]);
    });
  });

  describe("an Action that throws", () => {
    it("fails the login with the error's message, keeping only earlier Actions' metadata", async () => {
      const { outcome, logs } = await run([
        onExecute('api.user.setAppMetadata("kept", 1);'),
        onExecute(
          'api.user.setAppMetadata("dropped", 1); api.idToken.setCustomClaim("dropped", 1); api.accessToken.addScope("x"); event.user.user_metadata.favorite.color;',
          "broken",
        ),
        onExecute('console.log("never");'),
      ]);
      expect(outcome).toEqual({
        kind: "failed",
        message: "Cannot read properties of undefined (reading 'color')",
        action: "broken",
        userUpdates: { app_metadata: { kept: 1 } },
      });
      expect(logs).toEqual([]);
    });

    it("fails on a rejection after an await", async () => {
      const { outcome } = await run([onExecute('await Promise.resolve(); throw new Error("late");')]);
      expect(outcome).toMatchObject({ kind: "failed", message: "late" });
    });

    it("fails on a thrown non-Error", async () => {
      const { outcome } = await run([onExecute('throw "plain string";')]);
      expect(outcome).toMatchObject({ kind: "failed", message: "plain string" });
    });
  });

  describe("tokens", () => {
    it("queues ID and access token claims separately (setters return api), the last write winning", async () => {
      const { outcome } = await run([
        onExecute('api.idToken.setCustomClaim("https://example.com/roles", event.authorization.roles).idToken.setCustomClaim("n", 1);'),
        onExecute('api.idToken.setCustomClaim("n", 2); api.accessToken.setCustomClaim("https://example.com/tier", "gold");'),
      ]);
      expect(outcome).toMatchObject({
        commands: {
          idTokenClaims: { "https://example.com/roles": ["admin", "editor"], n: 2 },
          accessTokenClaims: { "https://example.com/tier": "gold" },
        },
      });
    });

    it("records a claim's value as it was when set", async () => {
      const { outcome } = await run([onExecute('const v = { a: 1 }; api.idToken.setCustomClaim("v", v); v.a = 2;')]);
      expect(outcome).toMatchObject({ commands: { idTokenClaims: { v: { a: 1 } } } });
    });

    it("ignores a claim set to undefined, and says so in the log", async () => {
      const { outcome, logs } = await run([onExecute('api.idToken.setCustomClaim("missing", event.user.app_metadata.nothing);')]);
      expect(outcome).toMatchObject({ commands: { idTokenClaims: {} } });
      expect(logs).toMatchObject([{ level: "warn", message: expect.stringMatching(/setCustomClaim\("missing"\).*ignored/) }]);
    });

    it.each(["idToken", "accessToken"])("refuses api.%s.setCustomClaim('scope')", async (token) => {
      const { outcome } = await run([onExecute(`api.${token}.setCustomClaim("scope", "admin");`)]);
      expect(outcome).toMatchObject({ kind: "failed", message: 'The "scope" claim cannot be set.' });
    });

    it("records scope changes across Actions, the last operation winning", async () => {
      const { outcome } = await run([
        onExecute('api.accessToken.addScope("read:notes"); api.accessToken.addScope("write:notes");'),
        onExecute('api.accessToken.removeScope(" write:notes ");'),
      ]);
      expect(outcome).toMatchObject({ commands: { scopeChanges: { "read:notes": "add", "write:notes": "remove" } } });
    });
  });

  describe("api.multifactor.enable", () => {
    it("records the last request for the server to act on", async () => {
      const { outcome } = await run([
        onExecute('api.multifactor.enable("any");'),
        onExecute('api.multifactor.enable("guardian", { allowRememberBrowser: true });'),
      ]);
      expect(outcome).toMatchObject({ commands: { multifactor: { provider: "guardian", allowRememberBrowser: true } } });
    });

    it("refuses an unknown provider", async () => {
      const { outcome } = await run([onExecute('api.multifactor.enable("sms");')]);
      expect(outcome).toMatchObject({ kind: "failed", message: expect.stringMatching(/provider must be one of/) });
    });
  });

  describe("api.cache", () => {
    it("is shared with later Actions and later logins through the trigger's store", async () => {
      const cache = createActionsCache();
      await run([onExecute('api.cache.set("m2m", "token-1", { ttl: 60000 });')], { cache });
      const { outcome } = await run([onExecute('api.idToken.setCustomClaim("cached", api.cache.get("m2m"));')], { cache });
      expect(outcome).toMatchObject({ commands: { idTokenClaims: { cached: { value: "token-1", expires_at: NOW_MS + 60000 } } } });
    });
  });

  describe("what the local tenant does not emulate", () => {
    it("accepts session, refresh token, SAML and prompt calls, warning in the log", async () => {
      const { outcome, logs } = await run([
        onExecute(`
          api.session.revoke("bye");
          api.refreshToken.setMetadata("k", "v");
          api.samlResponse.setAudience("x").samlResponse.setIssuer("y");
          api.prompt.render("form_1");
          api.idToken.setCustomClaim("ruled", api.rules.wasExecuted("rul_1"));
        `),
      ]);
      expect(outcome).toMatchObject({ kind: "completed", commands: { idTokenClaims: { ruled: false }, recordedMethods: [] } });
      expect(logs.map((entry) => entry.message)).toEqual([
        "api.session.revoke() is not emulated by the local tenant; the call was ignored.",
        "api.refreshToken.setMetadata() is not emulated by the local tenant; the call was ignored.",
        "api.samlResponse.setAudience() is not emulated by the local tenant; the call was ignored.",
        "api.samlResponse.setIssuer() is not emulated by the local tenant; the call was ignored.",
        "api.prompt.render() is not emulated by the local tenant; the call was ignored.",
      ]);
    });

    it("fails on api.validation.error rather than letting the login through", async () => {
      const { outcome } = await run([onExecute('api.validation.error("invalid_email", "Use your work address");')]);
      expect(outcome).toMatchObject({ kind: "failed", message: expect.stringMatching(/^api\.validation\.error\("invalid_email"/) });
    });
  });
});
