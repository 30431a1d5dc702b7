import { CLAIMS } from "../contract/claims";

/** A claim of the ID token as a person reads it: a label and its value in words. */
export interface ClaimRow {
  /** The claim's name under the namespace, e.g. `terms_version`. */
  name: string;
  label: string;
  value: string;
}

const LABELS: Record<string, string> = {
  [CLAIMS.termsVersion]: "Terms version accepted",
  [CLAIMS.profile]: "Profile",
  [CLAIMS.groups]: "Groups",
  [CLAIMS.roles]: "Roles",
  [CLAIMS.plan]: "Plan",
  [CLAIMS.company]: "Company",
  [CLAIMS.accountManager]: "Account manager",
  [CLAIMS.seats]: "Seats",
};

/** `favorite_color` → `Favorite color`: a name of ours, or one a newer Action sends, as words. */
function words(name: string): string {
  const spaced = name.replace(/[_-]+/g, " ").trim();
  return spaced.charAt(0).toUpperCase() + spaced.slice(1);
}

function valueText(value: unknown): string {
  if (value === null || value === undefined || value === "") return "—";
  if (Array.isArray(value)) return value.length === 0 ? "none" : value.map(valueText).join(", ");
  if (typeof value === "object") {
    const entries = Object.entries(value);
    return entries.length === 0 ? "none" : entries.map(([key, item]) => `${words(key)}: ${valueText(item)}`).join("; ");
  }
  if (typeof value === "boolean") return value ? "yes" : "no";
  return String(value);
}

/**
 * Our claims (without their namespace) as rows, in the order the Actions set them; the JSON stays for developers.
 *
 * @example
 * claimRows({ groups: ["staff", "engineering"], profile: { favorite_color: "blue" } });
 * // [{ name: "groups", label: "Groups", value: "staff, engineering" }, { name: "profile", label: "Profile", value: "Favorite color: blue" }]
 */
export function claimRows(claims: Record<string, unknown>, labels: Record<string, string> = {}): ClaimRow[] {
  return Object.entries(claims).map(([name, value]) => ({
    name,
    label: LABELS[name] ?? words(name),
    value: typeof value === "object" && value !== null && !Array.isArray(value)
      ? Object.entries(value).map(([key, item]) => `${labels[key] ?? words(key)}: ${valueText(item)}`).join("; ") || "none"
      : valueText(value),
  }));
}
