import { connection } from "next/server";
import { auth0 } from "@/lib/auth0";
import { claimRows } from "@/lib/claim-rows";
import { getConfig } from "@/lib/config";
import { readableDateTime } from "@/lib/dates/readable-date";
import { hasCode } from "@/lib/errors/has-code";
import { HISTORY_STYLE } from "@/lib/http/history-style";
import type { DatabaseUnavailableError } from "@/lib/database/errors";
import { processLedger } from "@/lib/ledger/process-ledger";
import { STEP_WORDS } from "@/lib/i18n/step-words";
import { pageOrErrorView } from "@/lib/pages/page-or-error-view";
import { productView } from "@/lib/product-view";
import { acceptedVersions, versionPath, type Acceptance } from "@/lib/terms/changes-since";

const PROFILE_LABELS: Record<string, string> = Object.fromEntries(Object.entries(STEP_WORDS.en.profile.fields).map(([name, field]) => [name, field.label]));

/** A list as the page shows it: "none" for an empty one, "not available" when the login brought no such claim. */
function listText(values: string[] | undefined): string {
  if (values === undefined) return "not available";
  return values.length === 0 ? "none" : values.join(", ");
}

/** When the user accepted each version, from the app's ledger; `undefined` when the ledger cannot be read now. */
async function acceptancesOf(userId: string): Promise<Acceptance[] | undefined> {
  try {
    return acceptedVersions(await processLedger().history(userId));
  } catch (error) {
    if (!hasCode<DatabaseUnavailableError>(error, "ERR_DATABASE_UNAVAILABLE")) throw error;
    return undefined;
  }
}

function acceptedText(version: number, acceptances: Acceptance[] | undefined): string {
  const acceptedAt = acceptances?.find((acceptance) => acceptance.version === version)?.acceptedAt;
  return acceptedAt ? `Version ${version}, accepted on ${readableDateTime(acceptedAt)}` : `Version ${version}, accepted`;
}

export default async function ProductPage() {
  // Per-user page, rendered at request time only (never at build, which has no secrets).
  await connection();
  return pageOrErrorView("/", productPage);
}

async function productPage() {
  const session = await auth0().getSession();
  if (!session) {
    return (
      <>
        <h1>Product XYZ</h1>
        <p>Sign in to use Product XYZ.</p>
        {/* A plain link, not <Link>: the SDK answers prefetches of /auth/login with 204. */}
        <a className="button" href="/auth/login">
          Sign in
        </a>
      </>
    );
  }
  const view = productView(session.user, getConfig().claimNamespace);
  const business = view.business;
  const acceptances = await acceptancesOf(view.sub);
  const earlier = (acceptances ?? []).filter((acceptance) => acceptance.version !== view.termsVersion);
  return (
    <>
      <style href="history-style" precedence="default">
        {HISTORY_STYLE}
      </style>
      <h1>Product XYZ</h1>
      <p>
        Signed in as <strong data-testid="user-email">{view.email ?? view.sub}</strong>
      </p>
      <dl>
        <dt>User id</dt>
        <dd data-testid="user-id">{view.sub}</dd>
        <dt>Terms of use</dt>
        <dd>
          <span data-testid="terms-version">{view.termsVersion === undefined ? "Not accepted" : acceptedText(view.termsVersion, acceptances)}</span>
          {earlier.length > 0 ? (
            <ul data-testid="terms-earlier">
              {earlier.map((acceptance) => (
                <li key={acceptance.version}>
                  Before: <a href={versionPath(acceptance.version, acceptance.language)}>version {acceptance.version}</a>, accepted on {readableDateTime(acceptance.acceptedAt)}
                </li>
              ))}
            </ul>
          ) : null}
        </dd>
        <dt>Groups</dt>
        <dd data-testid="groups">{listText(view.groups)}</dd>
        <dt>Roles</dt>
        <dd data-testid="roles">{listText(view.roles)}</dd>
        <dt>Profile</dt>
        <dd data-testid="profile">
          {view.profile && Object.keys(view.profile).length > 0
            ? Object.entries(view.profile)
                .map(([field, value]) => `${PROFILE_LABELS[field] ?? field}: ${value}`)
                .join(", ")
            : "not completed"}
        </dd>
      </dl>
      <h2>Your account</h2>
      {business ? (
        <dl data-testid="business-data">
          <dt>Plan</dt>
          <dd data-testid="business-plan">{business.plan ?? "—"}</dd>
          <dt>Company</dt>
          <dd data-testid="business-company">{business.company ?? "—"}</dd>
          <dt>Account manager</dt>
          <dd data-testid="business-account-manager">{business.accountManager ?? "—"}</dd>
          <dt>Seats</dt>
          <dd data-testid="business-seats">{business.seats ?? "—"}</dd>
        </dl>
      ) : (
        <p data-testid="no-business-data">No business data came with this sign-in.</p>
      )}
      <h2>Claims in your ID token</h2>
      <table className="history-table" data-testid="claims">
        <thead>
          <tr>
            <th scope="col">Claim</th>
            <th scope="col">Value</th>
          </tr>
        </thead>
        <tbody>
          {claimRows(view.claims, PROFILE_LABELS).map((row) => (
            <tr key={row.name} data-claim={row.name}>
              <th scope="row">{row.label}</th>
              <td>{row.value}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <details>
        <summary>For developers: the ID token&apos;s claims as JSON</summary>
        <pre data-testid="claims-json">
          <code>{JSON.stringify(session.user, null, 2)}</code>
        </pre>
      </details>
      <p>
        <a href="/account/consents">Your answers to the terms of use</a> · <a href="/auth/logout">Sign out</a>
      </p>
    </>
  );
}
