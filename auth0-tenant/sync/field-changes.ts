import type { FieldChange } from "./plan-types";

/** A change of a single value, or nothing. */
export function valueChange(field: string, from: string | undefined, to: string): FieldChange[] {
  return from === to ? [] : [{ field, from: from ?? "(none)", to }];
}

/** A change of a list compared as a set (Auth0 does not promise to keep the order of URLs or grant types). */
export function setChange(field: string, from: readonly string[], to: readonly string[]): FieldChange[] {
  const a = [...new Set(from)].sort();
  const b = [...new Set(to)].sort();
  const same = a.length === b.length && a.every((value, index) => value === b[index]);
  return same ? [] : [{ field, from: formatList(from), to: formatList(to) }];
}

function formatList(values: readonly string[]): string {
  return values.length === 0 ? "(none)" : `[${values.join(", ")}]`;
}
