import { connection } from "next/server";
import { auth0 } from "@/lib/auth0";
import { hasCode } from "@/lib/errors/has-code";
import type { DatabaseUnavailableError } from "@/lib/database/errors";
import { processLedger } from "@/lib/ledger/process-ledger";
import type { ConsentRecord } from "@/lib/ledger/records";

export const metadata = { title: "Your answers to the terms · Product XYZ" };

/** `2026-03-01T12:00:00.123456Z` → `2026-03-01 12:00 UTC` */
function when(recordedAt: string): string {
  return `${recordedAt.slice(0, 10)} ${recordedAt.slice(11, 16)} UTC`;
}

/** The signed-in user's own history in the consent ledger, newest first. */
export default async function AccountConsentsPage() {
  // Per-user page, rendered at request time only.
  await connection();
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
      <h1>Your answers to the terms of use</h1>
      {records === undefined ? (
        <p className="error" role="alert">
          Your history cannot be shown right now: our records are not reachable. Try again in a minute.
        </p>
      ) : records.length === 0 ? (
        <p data-testid="no-consents">We have no answer of yours on record yet.</p>
      ) : (
        <table data-testid="consents">
          <thead>
            <tr>
              <th scope="col">Version</th>
              <th scope="col">Date</th>
              <th scope="col">Decision</th>
            </tr>
          </thead>
          <tbody>
            {records.map((record) => (
              <tr key={record.id}>
                <td>
                  <a href={`/terms/versions/${record.termsVersion}`}>Version {record.termsVersion}</a>
                </td>
                <td>
                  <time dateTime={record.recordedAt}>{when(record.recordedAt)}</time>
                </td>
                <td>{record.decision === "accepted" ? "Accepted" : "Declined"}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <p>
        <a href="/">Back to Product XYZ</a>
      </p>
    </>
  );
}
