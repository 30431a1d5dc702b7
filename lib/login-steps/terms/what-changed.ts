import { readableDate } from "../../dates/readable-date";
import { escapeHtml } from "../../http/html";
import { DEFAULT_LOCALE, type Locale } from "../../i18n/locales";
import { LANG_PARAMETER } from "../../i18n/page-locale";
import { stepWords } from "../../i18n/step-words";
import { comparisonPath, summariesBetween } from "../../terms/changes-since";
import { termsDocuments } from "../../terms/documents";

/** Query value of a comparison opened from the terms step: the comparison then leads back to the step. */
export const FROM_SIGN_IN = "sign-in";

/** The version the user accepted before the one asked now, and when, as the terms Action read them from the user. */
export interface EarlierAcceptance {
  acceptedVersion: number;
  acceptedAt?: string;
}

/**
 * For a user who accepted an earlier version: which one and when, what changed since (each later version's summary)
 * and a link to the comparison in the page's language. It comes from the Action's token, which read it from the same
 * history that made the Action ask again, so the page and the reason it is shown never disagree, and the page costs no database query.
 *
 * @example
 * whatChangedBlock({ acceptedVersion: 1, acceptedAt: "2026-03-01T12:00:00Z" }, 2); // '<section class="what-changed" …'
 */
export function whatChangedBlock(earlier: EarlierAcceptance, version: number, locale: Locale = DEFAULT_LOCALE): string {
  const summaries = summariesBetween(termsDocuments(), earlier.acceptedVersion, version, locale);
  const words = stepWords(locale).terms;
  const summaryHtml =
    summaries.length === 1
      ? `<p>${escapeHtml(summaries[0]?.summary ?? "")}</p>`
      : `<ul>${summaries.map((entry) => `<li><strong>${escapeHtml(words.versionLabel(entry.version))}</strong> ${escapeHtml(entry.summary)}</li>`).join("")}</ul>`;
  const acceptedOn = earlier.acceptedAt
    ? `<time datetime="${escapeHtml(earlier.acceptedAt)}">${readableDate(earlier.acceptedAt, locale)}</time>`
    : undefined;
  return (
    `<section class="what-changed" aria-labelledby="what-changed-title" data-testid="what-changed">` +
    `<h2 id="what-changed-title">${words.whatChangedSince(earlier.acceptedVersion, acceptedOn)}</h2>` +
    summaryHtml +
    `<p><a href="${comparisonPath(earlier.acceptedVersion, version)}?from=${FROM_SIGN_IN}&amp;${LANG_PARAMETER}=${locale}">${escapeHtml(words.seeEveryChange(earlier.acceptedVersion, version))}</a></p>` +
    `</section>`
  );
}
