import { ManagementApiError } from "../errors";

/**
 * The `q` forms of Auth0's user search (search engine v3, Lucene syntax) that people use: `field:value`,
 * `field:"quoted value"`, `app_metadata.key:value` / `user_metadata.key:value`, trailing or leading `*` wildcards,
 * `_exists_:field`, `NOT term` (or `-term`), and terms joined by `AND` (the default) or `OR`. Anything else (ranges,
 * parentheses, fuzzy or boosted terms) is refused with a 400 that says so, never silently matched. A Lucene library
 * would accept far more than the tenant could answer faithfully, so this parses exactly these forms.
 */
export type UserPredicate = (user: Record<string, unknown>) => boolean;

interface Term {
  negated: boolean;
  field: string;
  value: string;
  quoted: boolean;
}

const UNSUPPORTED = /[()[\]{}~^]/;

export function parseUserQuery(q: string): UserPredicate {
  const tokens = tokenize(q);
  if (tokens.length === 0) return () => true;
  const groups: Term[][] = [[]];
  let negateNext = false;
  for (const token of tokens) {
    if (token.text === "OR" && !token.quoted) {
      groups.push([]);
      continue;
    }
    if (token.text === "AND" && !token.quoted) continue;
    if (token.text === "NOT" && !token.quoted) {
      negateNext = true;
      continue;
    }
    const term = parseTerm(token.text, negateNext);
    negateNext = false;
    groups[groups.length - 1]?.push(term);
  }
  if (negateNext || groups.some((group) => group.length === 0)) throw badQuery(q, "an operator has no term after it");
  return (user) => groups.some((group) => group.every((term) => matches(user, term) !== term.negated));
}

function tokenize(q: string): Array<{ text: string; quoted: boolean }> {
  const tokens: Array<{ text: string; quoted: boolean }> = [];
  const pattern = /\s*((?:[^\s"]*"(?:[^"\\]|\\.)*")|[^\s]+)/g;
  for (const match of q.matchAll(pattern)) {
    const text = match[1] ?? "";
    if (text.length > 0) tokens.push({ text, quoted: text.includes('"') });
  }
  return tokens;
}

function parseTerm(raw: string, negatedByKeyword: boolean): Term {
  const negated = negatedByKeyword !== raw.startsWith("-");
  const text = raw.startsWith("-") ? raw.slice(1) : raw;
  const colon = text.indexOf(":");
  if (colon <= 0) throw badQuery(raw, "use field:value (a bare word is not searched)");
  const field = text.slice(0, colon);
  let value = text.slice(colon + 1);
  const quoted = value.startsWith('"');
  if (quoted) {
    if (!value.endsWith('"') || value.length < 2) throw badQuery(raw, "an unterminated quote");
    value = value.slice(1, -1).replace(/\\(.)/g, "$1");
  } else if (UNSUPPORTED.test(value) || UNSUPPORTED.test(field)) {
    throw badQuery(raw, "ranges, groups, fuzzy and boosted terms are not supported by the local tenant");
  }
  if (value.length === 0) throw badQuery(raw, "an empty value");
  return { negated, field, value, quoted };
}

function matches(user: Record<string, unknown>, term: Term): boolean {
  if (term.field === "_exists_") return valuesAt(user, term.value).length > 0;
  const values = valuesAt(user, term.field);
  const wanted = term.value.toLowerCase();
  return values.some((value) => {
    const text = String(value).toLowerCase();
    if (term.quoted || !wanted.includes("*")) return text === wanted;
    const regex = new RegExp(`^${wanted.split("*").map(escapeRegExp).join(".*")}$`);
    return regex.test(text);
  });
}

/** The scalar values at a dotted path (arrays are searched element by element, as Auth0 indexes them). */
function valuesAt(user: Record<string, unknown>, path: string): unknown[] {
  let current: unknown[] = [user];
  for (const key of path.split(".")) {
    current = current.flatMap((value) => {
      if (typeof value !== "object" || value === null) return [];
      const next = (value as Record<string, unknown>)[key];
      return Array.isArray(next) ? next : next === undefined || next === null ? [] : [next];
    });
  }
  return current.filter((value) => typeof value !== "object");
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

function badQuery(q: string, why: string): ManagementApiError {
  return new ManagementApiError("invalid_query_string", `Query validation error: ${JSON.stringify(q)}: ${why}`, 400);
}
