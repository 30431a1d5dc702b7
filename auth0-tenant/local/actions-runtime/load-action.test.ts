import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makeAction, makeContext, run } from "./test-fixtures";

const signatureError = (entrypoint: string) =>
  `Invalid function signature for the "${entrypoint}" handler. Use "exports.${entrypoint} = async function(event, api) { }" as the signature.`;

describe("loading Action code", () => {
  describe("exports", () => {
    it("fails when the module does not export an object", async () => {
      const action = makeAction("module.exports = 42;");
      const { outcome } = await run([action]);
      expect(outcome).toEqual({ kind: "failed", message: "The Action must export an object.", action: action.name, userUpdates: {} });
    });

    it("fails when the handler is a plain function, even one returning a promise", async () => {
      const { outcome } = await run([makeAction("exports.onExecutePostLogin = function (event, api) { return Promise.resolve(); };")]);
      expect(outcome).toMatchObject({ kind: "failed", message: signatureError("onExecutePostLogin") });
    });

    it("fails when there is no onExecutePostLogin", async () => {
      const { outcome } = await run([makeAction("exports.onContinuePostLogin = async () => {};")]);
      expect(outcome).toMatchObject({ kind: "failed", message: signatureError("onExecutePostLogin") });
    });

    it("accepts async arrow functions and module.exports objects", async () => {
      const { outcome } = await run([makeAction("module.exports = { onExecutePostLogin: async (event, api) => {} };")]);
      expect(outcome.kind).toBe("completed");
    });

    it("fails with the SyntaxError of code that does not parse", async () => {
      const { outcome } = await run([makeAction("exports.onExecutePostLogin = async (event, api) => {")]);
      expect(outcome).toMatchObject({ kind: "failed", message: expect.stringMatching(/Unexpected end of input/) });
    });
  });

  describe("module initialization", () => {
    it("runs the top level once, lazily, and keeps module state between logins", async () => {
      const action = makeAction(`
        console.log("init");
        let logins = 0;
        exports.onExecutePostLogin = async (event, api) => { logins += 1; api.idToken.setCustomClaim("logins", logins); };
      `);
      const first = await run([action]);
      const second = await run([action]);
      expect(first.logs.map((entry) => entry.message)).toEqual(["init"]);
      expect(second.logs).toEqual([]);
      expect(second.outcome).toMatchObject({ kind: "completed", commands: { idTokenClaims: { logins: 2 } } });
    });

    it("rethrows a top-level error on every execution", async () => {
      const action = makeAction(`
        console.log("init");
        throw new Error("config missing");
      `);
      const first = await run([action]);
      const second = await run([action]);
      expect(first.outcome).toMatchObject({ kind: "failed", message: "config missing" });
      expect(second.outcome).toMatchObject({ kind: "failed", message: "config missing" });
      expect([...first.logs, ...second.logs].map((entry) => entry.message)).toEqual(["init"]);
    });

    it("starts a new module when the Action is redeployed with new code", async () => {
      const action = makeAction('exports.onExecutePostLogin = async (e, api) => { api.idToken.setCustomClaim("v", 1); };');
      await run([action]);
      const redeployed = { ...action, code: 'exports.onExecutePostLogin = async (e, api) => { api.idToken.setCustomClaim("v", 2); };' };
      const { outcome } = await run([redeployed]);
      expect(outcome).toMatchObject({ commands: { idTokenClaims: { v: 2 } } });
    });
  });

  describe("require and globals", () => {
    it("provides Node built-ins, with or without the node: prefix", async () => {
      const { outcome } = await run([
        makeAction(`
          const { createHash } = require("node:crypto");
          const querystring = require("querystring");
          exports.onExecutePostLogin = async (event, api) => {
            api.idToken.setCustomClaim("hash", createHash("sha256").update("x").digest("hex").slice(0, 8));
            api.idToken.setCustomClaim("qs", querystring.stringify({ a: 1 }));
          };
        `),
      ]);
      expect(outcome).toMatchObject({ commands: { idTokenClaims: { hash: "2d711642", qs: "a=1" } } });
    });

    it("refuses a package the Action does not declare, saying so", async () => {
      const { outcome } = await run([makeAction('const pad = require("left-pad"); exports.onExecutePostLogin = async () => {};')]);
      expect(outcome).toMatchObject({
        kind: "failed",
        message: expect.stringMatching(/^Cannot find module 'left-pad': .*\(none declared\); add the package to the Action's dependencies\.$/),
      });
    });

    describe("declared dependencies", () => {
      // A dependency-cache folder as a build leaves it: `greet` (with a sub-path) and its own dependency `shout`.
      let root: string;
      beforeAll(async () => {
        root = await mkdtemp(path.join(tmpdir(), "action-deps-"));
        const write = async (file: string, text: string) => {
          await mkdir(path.dirname(path.join(root, file)), { recursive: true });
          await writeFile(path.join(root, file), text);
        };
        await write("node_modules/greet/package.json", '{"name":"greet","version":"1.0.0","main":"index.js"}');
        await write("node_modules/greet/index.js", 'const shout = require("shout"); module.exports = (n) => shout(`hello ${n}`);');
        await write("node_modules/greet/polite.js", 'module.exports = (n) => `good day ${n}`;');
        await write("node_modules/shout/package.json", '{"name":"shout","version":"1.0.0","main":"index.js"}');
        await write("node_modules/shout/index.js", "module.exports = (s) => s.toUpperCase();");
      });
      afterAll(() => rm(root, { recursive: true, force: true }));

      const code = (id: string) =>
        `const fn = require(${JSON.stringify(id)}); exports.onExecutePostLogin = async (e, api) => { api.idToken.setCustomClaim("said", fn("ada")); };`;

      it("resolves a declared package, its sub-paths and, inside it, its own dependencies", async () => {
        const declared = { dependencies: { greet: root } };
        expect((await run([makeAction(code("greet"), declared)])).outcome).toMatchObject({ commands: { idTokenClaims: { said: "HELLO ADA" } } });
        expect((await run([makeAction(code("greet/polite"), declared)])).outcome).toMatchObject({
          commands: { idTokenClaims: { said: "good day ada" } },
        });
      });

      it("does not give an Action the packages another Action declares, nor their own dependencies", async () => {
        const other = makeAction(code("greet"));
        const { outcome } = await run([makeAction(code("greet"), { dependencies: { greet: root } }), other]);
        expect(outcome).toMatchObject({ kind: "failed", action: other.name, message: expect.stringMatching(/^Cannot find module 'greet'/) });
        const transitive = await run([makeAction(code("shout"), { dependencies: { greet: root } })]);
        expect(transitive.outcome).toMatchObject({ kind: "failed", message: expect.stringMatching(/^Cannot find module 'shout': .*\(greet\)/) });
      });

      it("says so when the install of a deployed version is gone from the cache", async () => {
        const { outcome } = await run([makeAction(code("greet"), { dependencies: { greet: path.join(root, "gone") } })]);
        expect(outcome).toMatchObject({ kind: "failed", message: expect.stringMatching(/no longer in the dependency cache/) });
      });
    });

    it("sees the host's fetch, URL and crypto", async () => {
      const { outcome } = await run([
        makeAction(`exports.onExecutePostLogin = async (event, api) => {
          api.idToken.setCustomClaim("globals", [typeof fetch, typeof URL, typeof crypto.randomUUID]);
        };`),
      ]);
      expect(outcome).toMatchObject({ commands: { idTokenClaims: { globals: ["function", "function", "function"] } } });
    });
  });

  describe("console", () => {
    it("sends each level to the log under the Action's name, formatted like Node", async () => {
      const action = makeAction(`exports.onExecutePostLogin = async () => {
        console.log("hello %s", "ada", { n: 1 });
        console.info("info");
        await new Promise((resolve) => setTimeout(resolve, 1));
        console.warn("warn");
        console.error(new Error("bad").message);
      };`);
      const { logs } = await run([action]);
      expect(logs).toEqual([
        { action: action.name, level: "log", message: "hello ada { n: 1 }" },
        { action: action.name, level: "info", message: "info" },
        { action: action.name, level: "warn", message: "warn" },
        { action: action.name, level: "error", message: "bad" },
      ]);
    });

    it("keeps concurrent logins' logs apart", async () => {
      const action = makeAction(`exports.onExecutePostLogin = async (event) => {
        await new Promise((resolve) => setTimeout(resolve, event.request.query.delay));
        console.log(event.request.query.who);
      };`);
      const withQuery = (query: Record<string, string>) => {
        const context = makeContext();
        return { context: { ...context, request: { ...context.request, query } } };
      };
      const [slow, fast] = await Promise.all([
        run([action], withQuery({ who: "slow", delay: "30" })),
        run([action], withQuery({ who: "fast", delay: "1" })),
      ]);
      expect(slow.logs.map((entry) => entry.message)).toEqual(["slow"]);
      expect(fast.logs.map((entry) => entry.message)).toEqual(["fast"]);
    });
  });
});
