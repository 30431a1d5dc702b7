import { readableDate } from "../../dates/readable-date";
import { DEFAULT_LOCALE, type Locale } from "../../i18n/locales";
import { stepWords } from "../../i18n/step-words";
import { hasCode } from "../../errors/has-code";
import { escapeHtml } from "../../http/html";
import type { ConsentLedger } from "../../ledger/consent-ledger";
import type { DatabaseUnavailableError } from "../../database/errors";
import { comparisonPath, earlierAcceptance, summariesBetween } from "../../terms/changes-since";
import { termsDocuments } from "../../terms/documents";

/** Query value of a comparison opened from the terms step: the comparison then leads back to the step. */
export const FROM_SIGN_IN = "sign-in";

/**
 * For a user who accepted an earlier version: which one and when, what changed since (each later version's summary)
 * and a link to the comparison. Read from the app's own ledger, which holds every answer with the exact text's hash;
 * empty for a first sign-in, or when the ledger cannot be read (the terms are shown all the same).
 */
export async function whatChangedBlock(userId: string, version: number, ledger: ConsentLedger, locale: Locale = DEFAULT_LOCALE): Promise<string> {
  let records;
  try {
    records = await ledger.history(userId);
  } catch (error) {
    if (!hasCode<DatabaseUnavailableError>(error, "ledger_unavailable")) throw error;
    console.warn(`[ledger] what changed not shown: ${error.code}: ${error.message}`);
    return "";
  }
  const earlier = earlierAcceptance(records, version);
  if (!earlier) return "";
  const summaries = summariesBetween(termsDocuments(), earlier.version, version, locale);
  const words = stepWords(locale).terms;
  const acceptedOn = `<time datetime="${escapeHtml(earlier.acceptedAt)}">${readableDate(earlier.acceptedAt, locale)}</time>`;
  const summaryHtml =
    summaries.length === 1
      ? `<p>${escapeHtml(summaries[0]?.summary ?? "")}</p>`
      : `<ul>${summaries.map((entry) => `<li><strong>${escapeHtml(words.versionLabel(entry.version))}</strong> ${escapeHtml(entry.summary)}</li>`).join("")}</ul>`;
  return (
    `<section class="what-changed" aria-labelledby="what-changed-title" data-testid="what-changed">` +
    `<h2 id="what-changed-title">${words.whatChangedSince(earlier.version, acceptedOn)}</h2>` +
    summaryHtml +
    `<p><a href="${comparisonPath(earlier.version, version)}?from=${FROM_SIGN_IN}">${escapeHtml(words.seeEveryChange(earlier.version, version))}</a></p>` +
    `</section>`
  );
}
