/**
 * The quality (0–1) a request's `Accept` header gives `type` (RFC 9110 §12.5.1): the most specific media range
 * that matches it decides (`text/csv` over `text/*` over `*\/*`), and a type no range matches gets 0. An absent
 * header accepts everything (1).
 *
 * @example
 * acceptQuality("text/csv;q=0, application/json", "text/csv"); // 0
 * acceptQuality("text/*;q=0.5", "text/csv"); // 0.5
 */
export function acceptQuality(accept: string | null, type: string): number {
  if (accept === null || accept.trim() === "") return 1;
  const [wantedType, wantedSubtype] = type.toLowerCase().split("/");
  let best = { specificity: -1, quality: 0 };
  for (const range of accept.split(",")) {
    const [media = "", ...parameters] = range.split(";").map((part) => part.trim().toLowerCase());
    const [rangeType, rangeSubtype] = media.split("/");
    const specificity =
      rangeType === wantedType && rangeSubtype === wantedSubtype ? 2 : rangeType === wantedType && rangeSubtype === "*" ? 1 : media === "*/*" ? 0 : -1;
    if (specificity < best.specificity || specificity < 0) continue;
    const q = parameters.find((parameter) => parameter.startsWith("q="))?.slice(2);
    const quality = q === undefined ? 1 : /^(0(\.\d{0,3})?|1(\.0{0,3})?)$/.test(q) ? Number(q) : 0;
    best = { specificity, quality };
  }
  return best.quality;
}
