import { notFound } from "next/navigation";
import { readableDate } from "@/lib/dates/readable-date";
import { HISTORY_STYLE } from "@/lib/http/history-style";
import { comparisonPath, replacementOf } from "@/lib/terms/changes-since";
import { termsDocuments } from "@/lib/terms/documents";

const VERSION = /^[1-9][0-9]{0,5}$/;

export async function generateMetadata({ params }: { params: Promise<{ version: string }> }) {
  const { version } = await params;
  return { title: `Terms of use, version ${VERSION.test(version) ? version : "?"} · Product XYZ` };
}

/** Every published version, rendered at build time; they never change once published. */
export function generateStaticParams() {
  return [...termsDocuments().keys()].map((version) => ({ version: String(version) }));
}

/** A published version of the terms, read-only: what a user accepted, as they saw it, and whether it still applies. */
export default async function TermsVersionPage({ params }: { params: Promise<{ version: string }> }) {
  const { version } = await params;
  const document = VERSION.test(version) ? termsDocuments().get(Number(version)) : undefined;
  if (!document) notFound();
  const replacement = replacementOf(termsDocuments(), document.version);
  const day = (date: string | undefined, before: string) =>
    date ? (
      <>
        {before} <time dateTime={date}>{readableDate(date)}</time>
      </>
    ) : null;
  return (
    <>
      <style href="history-style" precedence="default">
        {HISTORY_STYLE}
      </style>
      <p className="version-status" data-testid="version-status">
        {replacement ? (
          <>
            Version {document.version} of our terms of use, in effect{day(document.published, " from")} until version {replacement.version} replaced
            it{day(replacement.published, " on")}. <a href={`/terms/versions/${replacement.version}`}>Read version {replacement.version}</a> or{" "}
            <a href={comparisonPath(document.version, replacement.version)}>see what changed</a>.
          </>
        ) : (
          <>
            Version {document.version} of our terms of use: the current version{day(document.published, ", in effect since")}.
          </>
        )}
      </p>
      <article className="terms" dangerouslySetInnerHTML={{ __html: document.html }} />
      <details>
        <summary>For developers and auditors</summary>
        <p>
          SHA-256 of this version&apos;s text, as the consent records hold it: <code data-testid="terms-sha256">{document.sha256}</code>
        </p>
      </details>
      <p>
        <a href="/account/consents">Your answers to the terms</a> · <a href="/">Product XYZ</a>
      </p>
    </>
  );
}
