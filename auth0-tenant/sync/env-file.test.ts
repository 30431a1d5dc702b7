import { mkdtemp, readFile, stat, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { assertIgnoredEnvFile, envFileValues, mergeEnvText, updateEnvFile } from "./env-file";

describe("env file", () => {
  it("replaces a variable where it stands and keeps every other line", () => {
    const text = "# my settings\nAPP_BASE_URL=https://me.ngrok.app\n\nAUTH0_CLIENT_ID=old # from last week\nexport FOO='bar'\n";
    expect(mergeEnvText(text, { AUTH0_CLIENT_ID: "new-id" })).toBe(
      "# my settings\nAPP_BASE_URL=https://me.ngrok.app\n\nAUTH0_CLIENT_ID=new-id\nexport FOO='bar'\n",
    );
  });

  it("appends new variables under a header, once", () => {
    const once = mergeEnvText("FOO=1", { AUTH0_SECRET: "abc" });
    expect(once).toBe("FOO=1\n\n# Written by npm run tenant:sync\nAUTH0_SECRET=abc\n");
    expect(mergeEnvText(once, { AUTH0_CLIENT_ID: "id" })).toBe(
      "FOO=1\n\n# Written by npm run tenant:sync\nAUTH0_SECRET=abc\nAUTH0_CLIENT_ID=id\n",
    );
    expect(mergeEnvText("", { A: "1" })).toBe("# Written by npm run tenant:sync\nA=1\n");
  });

  it("rewrites every definition of a variable, so no stale duplicate wins", () => {
    expect(mergeEnvText("A=1\nB=2\nA=3\n", { A: "9" })).toBe("A=9\nB=2\nA=9\n");
  });

  it("reads values as dotenv does: last definition, quotes and trailing comments removed", () => {
    const values = envFileValues("A=1\nB=\"two words\"\nC='x'\nD=4 # note\nA=5\n# E=6\n");
    expect(Object.fromEntries(values)).toEqual({ A: "5", B: "two words", C: "x", D: "4" });
  });

  it("refuses a value that would need quoting", () => {
    expect(() => mergeEnvText("", { A: "has space" })).toThrow(expect.objectContaining({ code: "ERR_SYNC_ENV_FILE" }));
    expect(() => mergeEnvText("", { A: "$HOME" })).toThrow(/would need quoted/);
  });

  it("writes only git-ignored env files", () => {
    expect(() => assertIgnoredEnvFile("/p/.env.local")).not.toThrow();
    expect(() => assertIgnoredEnvFile("/p/.env.development.local")).not.toThrow();
    for (const file of ["/p/.env", "/p/.env.example", "/p/.env.production", "/p/env.local"]) {
      expect(() => assertIgnoredEnvFile(file), file).toThrow(expect.objectContaining({ code: "ERR_SYNC_ENV_FILE" }));
    }
  });

  it("updates the file owner-only, reports the names it changed, and leaves an unchanged file alone", async () => {
    const dir = await mkdtemp(path.join(tmpdir(), "env-file-"));
    const file = path.join(dir, ".env.local");
    await writeFile(file, "KEEP=me\nAUTH0_CLIENT_ID=same\n");
    expect(await updateEnvFile(file, { AUTH0_CLIENT_ID: "same", AUTH0_SECRET: "f00d" })).toEqual(["AUTH0_SECRET"]);
    expect(await readFile(file, "utf8")).toBe("KEEP=me\nAUTH0_CLIENT_ID=same\n\n# Written by npm run tenant:sync\nAUTH0_SECRET=f00d\n");
    expect((await stat(file)).mode & 0o777).toBe(0o600);
    const before = (await stat(file)).mtimeMs;
    expect(await updateEnvFile(file, { AUTH0_SECRET: "f00d" })).toEqual([]);
    expect((await stat(file)).mtimeMs).toBe(before);
  });

  it("creates the file when there is none", async () => {
    const file = path.join(await mkdtemp(path.join(tmpdir(), "env-file-")), ".env.local");
    expect(await updateEnvFile(file, { A: "1" })).toEqual(["A"]);
    expect(await readFile(file, "utf8")).toBe("# Written by npm run tenant:sync\nA=1\n");
  });
});
