import {
  AuthorizationCodeGrantError,
  AuthorizationCodeGrantRequestError,
  AuthorizationError,
  DiscoveryError,
  InvalidStateError,
  OAuth2Error,
} from "@auth0/nextjs-auth0/errors";
import { describe, expect, it } from "vitest";
import { isDenial } from "./callback-failure";

describe("isDenial", () => {
  it("is true for an error the tenant sent to the callback (an Action's api.access.deny, a declined step)", () => {
    expect(isDenial(new AuthorizationError({ cause: new OAuth2Error({ code: "access_denied", message: "terms_declined" }) }))).toBe(true);
  });

  it("is false for a sign-in that failed on the way: the code exchange timed out or was refused, discovery or state failed", () => {
    const failures = [
      new AuthorizationCodeGrantRequestError("This operation was aborted"),
      new AuthorizationCodeGrantError({ cause: new OAuth2Error({ code: "invalid_grant", message: "The authorization code has already been used." }) }),
      new DiscoveryError(),
      new InvalidStateError(),
    ];
    for (const error of failures) expect(isDenial(error), error.code).toBe(false);
  });
});
