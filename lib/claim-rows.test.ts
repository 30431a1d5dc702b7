import { describe, expect, it } from "vitest";
import { claimRows } from "./claim-rows";

describe("claimRows", () => {
  it("turns each claim into a label and words, in the order given", () => {
    expect(
      claimRows(
        { terms_version: 2, groups: ["engineering", "staff"], roles: [], profile: { favorite_color: "blue" }, seats: 25, company: "" },
        { favorite_color: "Favourite colour" },
      ),
    ).toEqual([
      { name: "terms_version", label: "Terms version accepted", value: "2" },
      { name: "groups", label: "Groups", value: "engineering, staff" },
      { name: "roles", label: "Roles", value: "none" },
      { name: "profile", label: "Profile", value: "Favourite colour: blue" },
      { name: "seats", label: "Seats", value: "25" },
      { name: "company", label: "Company", value: "—" },
    ]);
  });

  it("reads a claim it does not know by its name in words, nested values included", () => {
    expect(claimRows({ beta_features: { new_editor: true, limits: [1, 2] }, "login-count": null })).toEqual([
      { name: "beta_features", label: "Beta features", value: "New editor: yes; Limits: 1, 2" },
      { name: "login-count", label: "Login count", value: "—" },
    ]);
  });
});
