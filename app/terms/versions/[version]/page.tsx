import { notFound } from "next/navigation";
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

/** A published version of the terms, read-only: what a user accepted, as they saw it. */
export default async function TermsVersionPage({ params }: { params: Promise<{ version: string }> }) {
  const { version } = await params;
  const document = VERSION.test(version) ? termsDocuments().get(Number(version)) : undefined;
  if (!document) notFound();
  return (
    <>
      <p>
        Terms of use, version {document.version}. SHA-256 of this text: <code data-testid="terms-sha256">{document.sha256}</code>
      </p>
      <article className="terms" dangerouslySetInnerHTML={{ __html: document.html }} />
      <p>
        <a href="/account/consents">Your answers to the terms</a> · <a href="/">Product XYZ</a>
      </p>
    </>
  );
}
