import { describe, expect, it } from "vitest";
import { productView } from "./product-view";

const NS = "https://product-xyz.example/";

describe("productView", () => {
  it("reads groups, roles and business data from the namespaced claims", () => {
    const view = productView(
      {
        sub: "auth0|1",
        email: "demo@example.com",
        [`${NS}terms_version`]: 2,
        [`${NS}groups`]: ["engineering", "staff"],
        [`${NS}roles`]: ["admin"],
        [`${NS}plan`]: "enterprise",
        [`${NS}company`]: "Example Corp",
        [`${NS}account_manager`]: "sam@product-xyz.example",
        [`${NS}seats`]: 25,
      },
      NS,
    );
    expect(view).toMatchObject({
      termsVersion: 2,
      groups: ["engineering", "staff"],
      roles: ["admin"],
      business: { plan: "enterprise", company: "Example Corp", accountManager: "sam@product-xyz.example", seats: 25 },
    });
  });

  it("leaves out what the login did not bring, and claims of the wrong type", () => {
    const view = productView({ sub: "auth0|1", [`${NS}groups`]: "staff", [`${NS}seats`]: "25" }, NS);
    expect(view.groups).toBeUndefined();
    expect(view.roles).toBeUndefined();
    expect(view.business).toBeUndefined();
    expect(view.claims).toEqual({ groups: "staff", seats: "25" });
  });
});
