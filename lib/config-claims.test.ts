import { describe, expect, it } from "vitest";
import { ClaimsConfigError, parseClaimsConfig } from "./config-claims";

describe("parseClaimsConfig", () => {
  it("makes no claim required by default, and counts empty values as unset", () => {
    expect(parseClaimsConfig({})).toEqual({ groupsRequired: false, businessDataRequired: false });
    expect(parseClaimsConfig({ GROUPS_REQUIRED: "", BUSINESS_DATA_REQUIRED: "" })).toEqual({ groupsRequired: false, businessDataRequired: false });
  });

  it("reads true and false", () => {
    expect(parseClaimsConfig({ GROUPS_REQUIRED: "true", BUSINESS_DATA_REQUIRED: "false" })).toEqual({ groupsRequired: true, businessDataRequired: false });
  });

  it("names a variable that is neither true nor false", () => {
    expect(() => parseClaimsConfig({ BUSINESS_DATA_REQUIRED: "1" })).toThrow(ClaimsConfigError);
    expect(() => parseClaimsConfig({ BUSINESS_DATA_REQUIRED: "1" })).toThrow(/BUSINESS_DATA_REQUIRED must be true or false/);
  });
});
