import { describe, expect, it } from "vitest";
import { parseMfaPolicy } from "../../actions/lib/parse-mfa-policy";
import { MFA_POLICY, mfaPolicySecret } from "./mfa-policy";

describe("mfaPolicySecret", () => {
  it("is the policy as JSON, which the Action reads back as it is", () => {
    expect(parseMfaPolicy(mfaPolicySecret())).toEqual(MFA_POLICY);
  });
});
