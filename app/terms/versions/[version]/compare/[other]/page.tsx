import { notFound } from "next/navigation";
import { HISTORY_STYLE } from "@/lib/http/history-style";
import { FROM_SIGN_IN } from "@/lib/login-steps/terms/what-changed";
import { summariesBetween } from "@/lib/terms/changes-since";
import { compareTerms, describeCounts } from "@/lib/terms/comparison";
import { termsDocuments } from "@/lib/terms/documents";

const VERSION = /^[1-9][0-9]{0,5}$/;

interface Props {
  params: Promise<{ version: string; other: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}

/** The two published versions a comparison names, older first; `undefined` for any other pair. */
function versionsOf(version: string, other: string) {
  const documents = termsDocuments();
  const from = VERSION.test(version) ? documents.get(Number(version)) : undefined;
  const to = VERSION.test(other) ? documents.get(Number(other)) : undefined;
  return from && to && from.version < to.version ? { from, to } : undefined;
}

export async function generateMetadata({ params }: Props) {
  const { version, other } = await params;
  const pair = versionsOf(version, other);
  return { title: pair ? `Changes from version ${pair.from.version} to version ${pair.to.version} · Product XYZ` : "Product XYZ" };
}

/**
 * What changed between two versions of the terms: the summaries written with them, then the newer text with every
 * insertion and deletion marked. Server-rendered HTML: it reads the same without JavaScript.
 */
export default async function TermsComparisonPage({ params, searchParams }: Props) {
  const { version, other } = await params;
  const pair = versionsOf(version, other);
  if (!pair) notFound();
  const { from, to } = pair;
  // Under the page's h1 and the section's h2: the documents' own headings start at h3.
  const comparison = compareTerms(from, to, { headingOffset: 2 });
  const summaries = summariesBetween(termsDocuments(), from.version, to.version);
  const fromSignIn = (await searchParams).from === FROM_SIGN_IN;
  return (
    <>
      <style href="history-style" precedence="default">
        {HISTORY_STYLE}
      </style>
      <h1>
        What changed from version {from.version} to version {to.version}
      </h1>
      <section aria-labelledby="summary-title">
        <h2 id="summary-title">In short</h2>
        {summaries.length === 1 ? (
          <p data-testid="comparison-summary">{summaries[0]?.summary}</p>
        ) : (
          <ul data-testid="comparison-summary">
            {summaries.map((entry) => (
              <li key={entry.version}>
                <strong>Version {entry.version}:</strong> {entry.summary}
              </li>
            ))}
          </ul>
        )}
      </section>
      <section aria-labelledby="changes-title">
        <h2 id="changes-title">Every change</h2>
        <p data-testid="comparison-counts">{describeCounts(comparison.counts)}</p>
        <p className="legend">
          Below is the text of version {to.version}. Each changed passage is labelled “Added”, “Removed” or “Changed”; within a changed passage,{" "}
          <ins>new words are underlined</ins> and <del>words taken out are struck through</del>.
        </p>
        {/* Rendered from our own repository's documents, every changed word escaped: trusted. */}
        <article className="comparison" data-testid="comparison" dangerouslySetInnerHTML={{ __html: comparison.html }} />
      </section>
      <p>
        {fromSignIn ? (
          <>
            <a href="/terms">Back to the terms, to accept or decline them</a> ·{" "}
          </>
        ) : null}
        <a href={`/terms/versions/${from.version}`}>Version {from.version} in full</a> · <a href={`/terms/versions/${to.version}`}>Version {to.version} in full</a>
      </p>
    </>
  );
}
