import { describe, expect, it } from "vitest";
import { modifyScope } from "./scope-commands";
import type { AccumulatedCommands } from "./types";

describe("modifyScope", () => {
  describe("validation (Auth0's messages)", () => {
    it.each([
      [42, TypeError, "The value for the scope must be a string."],
      ["   ", Error, "The value for the scope is required."],
      ["s".repeat(281), Error, "The value for the scope exceeds the allowed maximum of 280 characters."],
      ["read write", Error, "The value for the scope must not have whitespace."],
    ])("refuses %j", (scope, type, message) => {
      expect(() => modifyScope({}, "add", scope)).toThrow(type);
      expect(() => modifyScope({}, "add", scope)).toThrow(message);
    });
  });

  describe("recording", () => {
    it("trims, and the last operation per scope wins", () => {
      const changes: AccumulatedCommands["scopeChanges"] = {};
      modifyScope(changes, "add", " read:notes ");
      modifyScope(changes, "add", "write:notes");
      modifyScope(changes, "remove", "read:notes");
      expect(changes).toEqual({ "read:notes": "remove", "write:notes": "add" });
    });

    it("refuses the 1001st added scope", () => {
      const changes: AccumulatedCommands["scopeChanges"] = {};
      for (let i = 0; i < 1000; i++) modifyScope(changes, "add", `s${i}`);
      expect(() => modifyScope(changes, "add", "one-more")).toThrow("The number of scopes exceeds the allowed maximum of 1000.");
      expect(() => modifyScope(changes, "remove", "one-more")).not.toThrow();
    });
  });
});
