import { describe, expect, it } from "vitest";
import { CodedError } from "./coded-error";

type ExampleErrorCode = "ERR_EXAMPLE_ONE" | "ERR_EXAMPLE_TWO";
class ExampleError extends CodedError<ExampleErrorCode> {}
class FixedError extends CodedError<"ERR_FIXED"> {
  constructor(readonly detail: string) {
    super("ERR_FIXED", `Fixed: ${detail}`);
  }
}

describe("CodedError", () => {
  it("takes its name from the subclass, so logs and stacks say which error it is", () => {
    const error = new ExampleError("ERR_EXAMPLE_TWO", "Two.");
    expect(error.name).toBe("ExampleError");
    expect(error.code).toBe("ERR_EXAMPLE_TWO");
    expect(error.message).toBe("Two.");
    expect(String(error)).toBe("ExampleError: Two.");
    expect(error.stack).toMatch(/^ExampleError: Two\./);
  });

  it("keeps a subclass's fixed code and own fields", () => {
    const error = new FixedError("a detail");
    expect(error).toMatchObject({ name: "FixedError", code: "ERR_FIXED", detail: "a detail", message: "Fixed: a detail" });
    expect(error).toBeInstanceOf(CodedError);
    expect(error).toBeInstanceOf(Error);
  });

  it("carries the cause", () => {
    const cause = new Error("socket hang up");
    expect(new ExampleError("ERR_EXAMPLE_ONE", "One.", { cause }).cause).toBe(cause);
  });

  it("accepts only codes in the project's style", () => {
    // @ts-expect-error a code must start with ERR_
    class Unprefixed extends CodedError<"token_missing"> {}
    // @ts-expect-error a code must be upper case
    class LowerCase extends CodedError<"ERR_token_missing"> {}
    expect([Unprefixed.name, LowerCase.name]).toEqual(["Unprefixed", "LowerCase"]);
  });
});
