import { describe, expect, it } from "vitest";
import { MfaPolicyError, parseMfaPolicy } from "../../actions/lib/parse-mfa-policy";
import { MAX_SECRET_BYTES, MFA_POLICY, MfaPolicySecretError, mfaPolicySecret } from "./mfa-policy";

describe("mfaPolicySecret", () => {
  it("is the policy as JSON, which the Action reads back as it is", () => {
    expect(parseMfaPolicy(mfaPolicySecret())).toEqual(MFA_POLICY);
  });

  it("refuses a policy the Action would refuse", () => {
    expect(() => mfaPolicySecret({ ...MFA_POLICY, countries: ["France"] })).toThrow(MfaPolicyError);
  });

  it("refuses a policy over the secret size limit", () => {
    const roles = Array.from({ length: 400 }, (_, index) => `role-number-${index}`);
    expect(JSON.stringify({ ...MFA_POLICY, roles }).length).toBeGreaterThan(MAX_SECRET_BYTES);
    expect(() => mfaPolicySecret({ ...MFA_POLICY, roles })).toThrow(MfaPolicySecretError);
  });
});
