import { notFound } from "next/navigation";
import { Fragment, type ReactNode } from "react";
import { readableDate } from "@/lib/dates/readable-date";
import { HISTORY_STYLE } from "@/lib/http/history-style";
import { historyWords } from "@/lib/i18n/history-words";
import { LANG_PARAMETER } from "@/lib/i18n/page-locale";
import { requestPageLocale } from "@/lib/i18n/request-locale";
import { comparisonPath, replacementOf, versionPath } from "@/lib/terms/changes-since";
import { editionOf, termsDocuments } from "@/lib/terms/documents";
import { editionHtml } from "@/lib/terms/edition-html";

const VERSION = /^[1-9][0-9]{0,5}$/;

export async function generateMetadata({ params }: { params: Promise<{ version: string }> }) {
  const { version } = await params;
  const words = historyWords(await requestPageLocale());
  return { title: words.versionTitle(VERSION.test(version) ? version : "?") };
}

/**
 * A published version of the terms, read-only, in the reader's language (the proxy's choice): what a user accepted,
 * as they saw it, and whether it still applies.
 */
export default async function TermsVersionPage({ params }: { params: Promise<{ version: string }> }) {
  const { version } = await params;
  const document = VERSION.test(version) ? termsDocuments().get(Number(version)) : undefined;
  if (!document) notFound();
  const locale = await requestPageLocale();
  const words = historyWords(locale);
  const edition = editionOf(document, locale);
  const replacement = replacementOf(termsDocuments(), document.version);
  const inLanguage = `?${LANG_PARAMETER}=${locale}`;
  // The words place the dates; each date is its own <time> element, so the sentence is split around them.
  const day = (date: string | undefined) => (date ? <time dateTime={date}>{readableDate(date, locale)}</time> : undefined);
  const status = replacement
    ? withDates(words.replacedVersion(document.version, replacement.version, document.published && "\u0000", replacement.published && "\u0001"), [
        day(document.published),
        day(replacement.published),
      ])
    : withDates(words.currentVersion(document.version, document.published && "\u0000"), [day(document.published)]);
  return (
    <>
      <style href="history-style" precedence="default">
        {HISTORY_STYLE}
      </style>
      <p className="version-status" data-testid="version-status">
        {status}
        {replacement ? (
          <>
            {" "}
            <a href={versionPath(replacement.version, locale)}>{words.readVersion(replacement.version)}</a> {words.or}{" "}
            <a href={`${comparisonPath(document.version, replacement.version)}${inLanguage}`}>{words.seeWhatChanged}</a>.
          </>
        ) : null}
      </p>
      <article className="terms" lang={edition.language} dangerouslySetInnerHTML={{ __html: await editionHtml(edition) }} />
      <details>
        <summary>{words.forAuditors}</summary>
        <p>
          {words.sha256Of} <code data-testid="terms-sha256">{edition.sha256}</code>
        </p>
      </details>
      <p>
        <a href="/account/consents">{words.yourAnswers}</a> · <a href="/">Product XYZ</a>
      </p>
    </>
  );
}

/** A sentence whose placeholders `\0`, `\1` stand for the given elements (the dates), as React children. */
function withDates(sentence: string, dates: ReadonlyArray<ReactNode>) {
  return sentence
    .split(/([\u0000\u0001])/)
    .map((part, index) => <Fragment key={index}>{part === "\u0000" ? dates[0] : part === "\u0001" ? dates[1] : part}</Fragment>);
}
