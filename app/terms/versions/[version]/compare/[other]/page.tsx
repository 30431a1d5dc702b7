import { notFound } from "next/navigation";
import { HISTORY_STYLE } from "@/lib/http/history-style";
import { historyWords } from "@/lib/i18n/history-words";
import { requestPageLocale } from "@/lib/i18n/request-locale";
import { FROM_SIGN_IN } from "@/lib/login-steps/terms/what-changed";
import { summariesBetween, versionPath } from "@/lib/terms/changes-since";
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
  const words = historyWords(await requestPageLocale());
  // The layout's template adds the product's name; a pair that is not one is answered with the 404's title.
  return pair ? { title: words.comparisonTitle(pair.from.version, pair.to.version) } : {};
}

/**
 * What changed between two versions of the terms, in the reader's language (the proxy's choice: the link's `lang`,
 * else the browser's): the summaries written with them, then the newer text of that language's editions with every
 * insertion and deletion marked. Server-rendered HTML: it reads the same without JavaScript.
 */
export default async function TermsComparisonPage({ params, searchParams }: Props) {
  const { version, other } = await params;
  const pair = versionsOf(version, other);
  if (!pair) notFound();
  const { from, to } = pair;
  const locale = await requestPageLocale();
  const words = historyWords(locale);
  // Under the page's h1 and the section's h2: the documents' own headings start at h3.
  const comparison = compareTerms(from, to, { headingOffset: 2, language: locale });
  const summaries = summariesBetween(termsDocuments(), from.version, to.version, locale);
  const fromSignIn = (await searchParams).from === FROM_SIGN_IN;
  return (
    <>
      <style href="history-style" precedence="default">
        {HISTORY_STYLE}
      </style>
      <h1>{words.comparisonHeading(from.version, to.version)}</h1>
      <section aria-labelledby="summary-title">
        <h2 id="summary-title">{words.inShort}</h2>
        {summaries.length === 1 ? (
          <p data-testid="comparison-summary">{summaries[0]?.summary}</p>
        ) : (
          <ul data-testid="comparison-summary">
            {summaries.map((entry) => (
              <li key={entry.version}>
                <strong>{words.versionLabel(entry.version)}</strong> {entry.summary}
              </li>
            ))}
          </ul>
        )}
      </section>
      <section aria-labelledby="changes-title">
        <h2 id="changes-title">{words.everyChange}</h2>
        <p data-testid="comparison-counts">{describeCounts(comparison.counts, locale)}</p>
        <p className="legend">
          {words.legendBefore(to.version)} <ins>{words.newWords}</ins> {words.and} <del>{words.removedWords}</del>.
        </p>
        {/* Rendered from our own repository's documents, every changed word escaped: trusted. */}
        <article className="comparison" data-testid="comparison" dangerouslySetInnerHTML={{ __html: comparison.html }} />
      </section>
      <p>
        {fromSignIn ? (
          <>
            <a href="/terms">{words.backToTerms}</a> ·{" "}
          </>
        ) : null}
        <a href={versionPath(from.version, locale)}>{words.versionInFull(from.version)}</a> ·{" "}
        <a href={versionPath(to.version, locale)}>{words.versionInFull(to.version)}</a>
      </p>
    </>
  );
}
