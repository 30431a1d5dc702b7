import { diffArrays, diffWords } from "diff";
import { marked, type Token, type Tokens } from "marked";
import { escapeHtml } from "../http/html";
import { historyWords, type HistoryWords, type PassageCounts } from "../i18n/history-words";
import { DEFAULT_LOCALE, type Locale } from "../i18n/locales";
import { editionOf, type TermsDocument } from "./documents";

/** Two versions of the terms side by side, as one text that marks what was added and what was removed. */
export interface TermsComparison {
  from: number;
  to: number;
  /** Trusted HTML: our own documents, every changed word escaped. */
  html: string;
  /** Passages (a heading, a paragraph, a list) added, removed, or changed in place. */
  counts: PassageCounts;
}

interface Block {
  token: Token;
  /** What two versions must share for the passage to be the same. */
  key: string;
}

/** A removed passage is shown as changed in place when it shares at least this share of its words with an added one. */
const SAME_PASSAGE = 0.5;

/**
 * Compares two versions passage by passage (jsdiff over the markdown's blocks), then, within a passage that changed,
 * word by word. `headingOffset` moves the documents' headings down (2: `#` becomes `<h3>`). Insertions are `<ins>` and deletions `<del>`, each also said in words (a visible label for a
 * passage, hidden text for words inside one), so no change is told by colour alone.
 *
 * @example
 * compareTerms(documents.get(1)!, documents.get(2)!).counts; // { added: 2, removed: 0, changed: 2 }
 */
export function compareTerms(
  from: TermsDocument,
  to: TermsDocument,
  options: { headingOffset?: number; language?: Locale } = {},
): TermsComparison {
  const offset = options.headingOffset ?? 0;
  const language = options.language ?? DEFAULT_LOCALE;
  const words = historyWords(language);
  const [before, after] = [editionOf(from, language).markdown, editionOf(to, language).markdown];
  const changes = diffArrays(blocksOf(before, offset), blocksOf(after, offset), { comparator: (a, b) => a.key === b.key });
  const counts = { added: 0, removed: 0, changed: 0 };
  const html: string[] = [];
  let removed: Block[] = [];
  let added: Block[] = [];
  const flush = () => {
    html.push(...renderHunk(removed, added, from.version, to.version, counts, words));
    removed = [];
    added = [];
  };
  for (const change of changes) {
    if (change.removed) removed.push(...change.value);
    else if (change.added) added.push(...change.value);
    else {
      flush();
      html.push(...change.value.map((block) => renderBlocks([block.token])));
    }
  }
  flush();
  return { from: from.version, to: to.version, html: html.join(""), counts };
}

/** The passages of a document; its headings moved `offset` levels down, for a page that has headings of its own above. */
function blocksOf(markdown: string, offset: number): Block[] {
  return marked
    .lexer(markdown)
    .filter((token) => token.type !== "space")
    .map((token) => ({
      token: token.type === "heading" ? { ...token, depth: Math.min(6, (token as Tokens.Heading).depth + offset) } : token,
      key: token.raw.trim().replace(/\s+/g, " "),
    }));
}

function renderBlocks(tokens: Token[]): string {
  return marked.parser(tokens);
}

/**
 * A run of removed and added passages between two common ones: each removed passage is paired, in order, with the
 * most similar added passage of its kind after the last pair; what stays unpaired was wholly removed or added.
 */
function renderHunk(
  removed: Block[],
  added: Block[],
  fromVersion: number,
  toVersion: number,
  counts: PassageCounts,
  words: HistoryWords,
): string[] {
  const html: string[] = [];
  let next = 0;
  // Passages added one after another read as one addition (a new section: its heading and its text).
  const emitAdded = (until: number) => {
    const run = added.slice(next, until);
    next = Math.max(next, until);
    if (run.length === 0) return;
    counts.added += run.length;
    html.push(passage("added", words.addedIn(toVersion), `<ins>${renderBlocks(run.map((block) => block.token))}</ins>`));
  };
  for (const old of removed) {
    const match = bestMatch(old, added, next);
    if (match === undefined) {
      counts.removed++;
      html.push(passage("removed", words.removedWasIn(fromVersion), `<del>${renderBlocks([old.token])}</del>`));
      continue;
    }
    emitAdded(match);
    counts.changed++;
    html.push(passage("changed", words.changed, changedInPlace(old.token, added[match]?.token ?? old.token, words)));
    next = match + 1;
  }
  emitAdded(added.length);
  return html;
}

function bestMatch(old: Block, added: Block[], start: number): number | undefined {
  let best: { index: number; score: number } | undefined;
  for (let index = start; index < added.length; index++) {
    const candidate = added[index];
    if (!candidate || candidate.token.type !== old.token.type) continue;
    const score = similarity(plainText(old.token), plainText(candidate.token));
    if (score >= SAME_PASSAGE && (!best || score > best.score)) best = { index, score };
  }
  return best?.index;
}

/** The share of words two passages have in common (Dice's coefficient over their words). */
function similarity(a: string, b: string): number {
  const words = (text: string) => text.toLowerCase().split(/\s+/).filter(Boolean);
  const left = words(a);
  const right = words(b);
  const pool = new Map<string, number>();
  for (const word of left) pool.set(word, (pool.get(word) ?? 0) + 1);
  let shared = 0;
  for (const word of right) {
    const count = pool.get(word) ?? 0;
    if (count > 0) {
      shared++;
      pool.set(word, count - 1);
    }
  }
  return left.length + right.length === 0 ? 1 : (2 * shared) / (left.length + right.length);
}

/** A passage that changed in place, word by word, in the element of its kind (a heading stays a heading). */
function changedInPlace(old: Token, now: Token, labels: HistoryWords): string {
  const words = diffWords(plainText(old), plainText(now))
    .map((part) => {
      const text = escapeHtml(part.value);
      if (part.added) return `<ins><span class="sr-only">[${escapeHtml(labels.wordAdded)}: </span>${text}<span class="sr-only">]</span></ins>`;
      if (part.removed) return `<del><span class="sr-only">[${escapeHtml(labels.wordRemoved)}: </span>${text}<span class="sr-only">]</span></del>`;
      return text;
    })
    .join("");
  const tag = now.type === "heading" ? `h${(now as Tokens.Heading).depth}` : "p";
  return `<${tag}>${words}</${tag}>`;
}

function plainText(token: Token): string {
  return token.type === "heading" || token.type === "paragraph" ? (token as Tokens.Heading | Tokens.Paragraph).text : token.raw.trim();
}

function passage(kind: "added" | "removed" | "changed", label: string, body: string): string {
  return `<div class="passage ${kind}"><p class="passage-label">${escapeHtml(label)}</p>${body}</div>`;
}

/**
 * @example
 * describeCounts({ added: 2, removed: 0, changed: 1 }); // "In all, 2 passages added, 1 changed and none removed."
 */
export function describeCounts(counts: PassageCounts, language: Locale = DEFAULT_LOCALE): string {
  return historyWords(language).counts(counts);
}
