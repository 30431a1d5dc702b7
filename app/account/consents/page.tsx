import { connection } from "next/server";
import { auth0 } from "@/lib/auth0";
import { hasCode } from "@/lib/errors/has-code";
import type { DatabaseUnavailableError } from "@/lib/database/errors";
import { processLedger } from "@/lib/ledger/process-ledger";
import type { ConsentRecord } from "@/lib/ledger/records";
import { readableDateTime } from "@/lib/dates/readable-date";
import { HISTORY_STYLE } from "@/lib/http/history-style";
import { pageOrErrorView } from "@/lib/pages/page-or-error-view";
import { languageName } from "@/lib/i18n/locales";
import { replacementOf, versionPath } from "@/lib/terms/changes-since";
import { currentVersionOf, termsDocuments } from "@/lib/terms/documents";

export const metadata = { title: "Your answers to the terms" };

/** Whether a version still applies, in words: "current", or which version replaced it. */
function versionStatus(version: number): string {
  const documents = termsDocuments();
  if (version === currentVersionOf(documents)) return "the current version";
  const replacement = replacementOf(documents, version);
  return replacement ? `replaced by version ${replacement.version}` : "no longer published";
}

/** The signed-in user's own history in the consent ledger, newest first. */
export default async function AccountConsentsPage() {
  // Per-user page, rendered at request time only.
  await connection();
  return pageOrErrorView("/account/consents", accountConsents);
}

async function accountConsents() {
  const session = await auth0().getSession();
  if (!session) {
    return (
      <>
        <h1>Your answers to the terms of use</h1>
        <p>Sign in to see when you accepted or declined each version of our terms.</p>
        {/* A plain link, not <Link>: the SDK answers prefetches of /auth/login with 204. */}
        <a className="button" href="/auth/login?returnTo=/account/consents">
          Sign in
        </a>
      </>
    );
  }
  let records: ConsentRecord[] | undefined;
  try {
    records = await processLedger().history(String(session.user.sub));
  } catch (error) {
    if (!hasCode<DatabaseUnavailableError>(error, "ERR_DATABASE_UNAVAILABLE")) throw error;
  }
  return (
    <>
      <style href="history-style" precedence="default">
        {HISTORY_STYLE}
      </style>
      <h1>Your answers to the terms of use</h1>
      {records === undefined ? (
        <p className="error" role="alert">
          Your history cannot be shown right now: our records are not reachable. Try again in a minute.
        </p>
      ) : records.length === 0 ? (
        <p data-testid="no-consents">We have no answer of yours on record yet.</p>
      ) : (
        <>
          <p>Each time we asked you to accept our terms of use, we recorded your answer. Newest first.</p>
          <table className="history-table" data-testid="consents">
            <thead>
              <tr>
                <th scope="col">When</th>
                <th scope="col">Terms of use</th>
                <th scope="col">Your answer</th>
              </tr>
            </thead>
            <tbody>
              {records.map((record) => (
                <tr key={record.id}>
                  <td>
                    <time dateTime={record.recordedAt}>{readableDateTime(record.recordedAt)}</time>
                  </td>
                  <td>
                    <a href={versionPath(record.termsVersion, record.termsLanguage)}>Version {record.termsVersion}</a> ({versionStatus(record.termsVersion)}),{" "}
                    <span data-testid="terms-language">in {languageName(record.termsLanguage)}</span>
                  </td>
                  <td>{record.decision === "accepted" ? "Accepted" : "Declined"}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
      <p>
        <a href="/">Back to Product XYZ</a>
      </p>
    </>
  );
}
