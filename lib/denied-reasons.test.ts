import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { ACCESS_POLICY_DENIALS } from "../contract/denials";
import { describeDenial } from "./denied-reasons";

/** The reasons an Action's source passes to `api.access.deny`, directly or as a claim's `denyReason`. */
function reasonsIn(action: string): string[] {
  const source = readFileSync(path.join(process.cwd(), "actions", `${action}.ts`), "utf8");
  return [...source.matchAll(/(?:access\.deny\(|denyReason: )"([a-z_]+)"/g)].map((match) => match[1] ?? "");
}

describe("describeDenial", () => {
  it("explains every reason of the access-policy, groups and business-data Actions", () => {
    const reasons = ["access-policy", "groups", "business-data"].flatMap(reasonsIn);
    expect(reasons.sort()).toEqual(["access_policy_unavailable", "business_data_unavailable", "groups_unavailable"]);
    for (const reason of reasons) expect(describeDenial(reason), reason).toMatchObject({ known: true });
  });

  it("explains each access rule's reason with the contract's words, and no rule reuses another Action's reason", () => {
    const others = new Set(["access-policy", "terms-of-use", "groups", "business-data"].flatMap(reasonsIn));
    for (const [reason, denial] of Object.entries(ACCESS_POLICY_DENIALS)) {
      expect(describeDenial(reason)).toEqual({ ...denial, known: true });
      expect(others.has(reason), reason).toBe(false);
    }
  });

  it("gives an unknown reason the generic text, even one named like an object property", () => {
    for (const reason of ["something_else", "constructor", "__proto__", undefined]) {
      expect(describeDenial(reason)).toMatchObject({ known: false, title: "Sign-in was not completed" });
    }
  });
});
