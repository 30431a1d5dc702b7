import { describe, expect, it } from "vitest";
import { requestWith, requestWithAny } from "./factor-selectors";

const CHALLENGE = "api.authentication.challengeWith";
const ENROLL = "api.authentication.enrollWith";
const CHALLENGE_ANY = "api.authentication.challengeWithAny";

function expectTypeError(call: () => unknown, message: string | RegExp): void {
  expect(call).toThrow(TypeError);
  expect(call).toThrow(message);
}

describe("requestWith", () => {
  describe("recording", () => {
    it("puts the default factor first, then the additional ones", () => {
      const additionalFactors = [
        { type: "phone", options: { preferredMethod: "sms" } },
        { type: "push-notification", options: { otpFallback: false } },
      ];
      const request = requestWith("challenge", CHALLENGE, { type: "otp" }, { additionalFactors });
      expect(request).toEqual({
        kind: "challenge",
        method: CHALLENGE,
        factors: [
          { type: "otp" },
          { type: "phone", options: { preferredMethod: "sms" } },
          { type: "push-notification", options: { otpFallback: false } },
        ],
      });
    });

    it("copies the options, so a later change by the Action changes nothing", () => {
      const options = { preferredMethod: "voice" };
      const request = requestWith("challenge", CHALLENGE, { type: "phone", options }, undefined);
      options.preferredMethod = "sms";
      expect(request.factors).toEqual([{ type: "phone", options: { preferredMethod: "voice" } }]);
    });

    it("takes options without additionalFactors", () => {
      expect(requestWith("enrollment", ENROLL, { type: "otp" }, {}).factors).toEqual([{ type: "otp" }]);
    });
  });

  describe("validation", () => {
    it.each([
      [undefined, `${CHALLENGE}: the factor must be an object with a string "type", e.g. { type: "otp" }.`],
      ["otp", `${CHALLENGE}: the factor must be an object with a string "type", e.g. { type: "otp" }.`],
      [{ type: 1 }, `${CHALLENGE}: the factor must be an object with a string "type", e.g. { type: "otp" }.`],
      [
        { type: "sms" },
        `${CHALLENGE}: the type of the factor must be one of otp, email, webauthn-platform, webauthn-roaming, recovery-code, phone, push, push-notification; got "sms".`,
      ],
      [{ type: "otp", options: "x" }, `${CHALLENGE}: the options of the factor ("otp") must be an object.`],
      [
        { type: "phone", options: { preferredMethod: "fax" } },
        `${CHALLENGE}: options.preferredMethod of the factor ("phone") must be one of sms, voice, both.`,
      ],
      [
        { type: "push", options: { otpFallback: "no" } },
        `${CHALLENGE}: options.otpFallback of the factor ("push") must be a boolean.`,
      ],
    ])("refuses the factor %j", (factor, message) => {
      expectTypeError(() => requestWith("challenge", CHALLENGE, factor, undefined), message);
    });

    it("refuses email for an enrollment, saying why", () => {
      expectTypeError(
        () => requestWith("enrollment", ENROLL, { type: "email" }, undefined),
        `${ENROLL}: the type of the factor must be one of otp, webauthn-platform, webauthn-roaming, recovery-code, phone, push, push-notification; got "email" ("email" can be challenged, not enrolled).`,
      );
    });

    it.each([
      [null, `${CHALLENGE}: the options must be an object, e.g. { additionalFactors: [{ type: "otp" }] }.`],
      [{ additionalFactors: { type: "otp" } }, `${CHALLENGE}: options.additionalFactors must be an array of factors.`],
      [
        { additionalFactors: [{ type: "email" }, { kind: "otp" }] },
        `${CHALLENGE}: options.additionalFactors[1] must be an object with a string "type", e.g. { type: "otp" }.`,
      ],
    ])("refuses the options %j", (options, message) => {
      expectTypeError(() => requestWith("challenge", CHALLENGE, { type: "otp" }, options), message);
    });
  });
});

describe("requestWithAny", () => {
  it("records the factors in order", () => {
    expect(requestWithAny("challenge", CHALLENGE_ANY, [{ type: "email" }, { type: "otp" }])).toEqual({
      kind: "challenge",
      method: CHALLENGE_ANY,
      factors: [{ type: "email" }, { type: "otp" }],
    });
  });

  it.each([undefined, [], { type: "otp" }])("refuses %j: the factors must be a non-empty array", (factors) => {
    expectTypeError(
      () => requestWithAny("challenge", CHALLENGE_ANY, factors),
      `${CHALLENGE_ANY}: the factors must be a non-empty array, e.g. [{ type: "otp" }].`,
    );
  });

  it("names the position of a bad factor", () => {
    expectTypeError(
      () => requestWithAny("enrollment", "api.authentication.enrollWithAny", [{ type: "otp" }, { type: "email" }]),
      /^api\.authentication\.enrollWithAny: the type of factors\[1\] must be one of .*; got "email"/,
    );
  });
});
