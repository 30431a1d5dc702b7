import type { Locale } from "./locales";

/** Passages added, changed and removed between two versions, as the comparison counts them. */
export interface PassageCounts {
  added: number;
  removed: number;
  changed: number;
}

/**
 * Every word of the published versions' pages (a version in full, the comparison of two), in each language the app
 * publishes. `satisfies Record<Locale, HistoryWords>` below makes a missing key, or a missing language, fail typecheck.
 */
export interface HistoryWords {
  /** The version as the address names it, "?" for one that is not a version. */
  versionTitle: (version: string) => string;
  /** `from` and `on` are the dates' elements, or `undefined` when the date is not known. */
  replacedVersion: (version: number, replacement: number, from?: string, on?: string) => string;
  currentVersion: (version: number, since?: string) => string;
  readVersion: (version: number) => string;
  or: string;
  seeWhatChanged: string;
  forAuditors: string;
  sha256Of: string;
  yourAnswers: string;
  comparisonTitle: (from: number, to: number) => string;
  comparisonHeading: (from: number, to: number) => string;
  inShort: string;
  versionLabel: (version: number) => string;
  everyChange: string;
  counts: (counts: PassageCounts) => string;
  legendBefore: (version: number) => string;
  newWords: string;
  and: string;
  removedWords: string;
  /** The labels of the comparison's passages. */
  addedIn: (version: number) => string;
  removedWasIn: (version: number) => string;
  changed: string;
  /** Hidden text, before a word inside a changed passage: the change in words, not by colour alone (`[added: …]`). */
  wordAdded: string;
  wordRemoved: string;
  backToTerms: string;
  versionInFull: (version: number) => string;
}

const ENGLISH: HistoryWords = {
  versionTitle: (version) => `Terms of use, version ${version}`,
  replacedVersion: (version, replacement, from, on) =>
    `Version ${version} of our terms of use, in effect${from ? ` from ${from}` : ""} until version ${replacement} replaced it${on ? ` on ${on}` : ""}.`,
  currentVersion: (version, since) => `Version ${version} of our terms of use: the current version${since ? `, in effect since ${since}` : ""}.`,
  readVersion: (version) => `Read version ${version}`,
  or: "or",
  seeWhatChanged: "see what changed",
  forAuditors: "For developers and auditors",
  sha256Of: "SHA-256 of this version's text, as the consent records hold it:",
  yourAnswers: "Your answers to the terms",
  comparisonTitle: (from, to) => `Changes from version ${from} to version ${to}`,
  comparisonHeading: (from, to) => `What changed from version ${from} to version ${to}`,
  inShort: "In short",
  versionLabel: (version) => `Version ${version}:`,
  everyChange: "Every change",
  counts: ({ added, changed, removed }) => {
    if (added + changed + removed === 0) return "The two versions have the same text.";
    const number = (count: number) => (count === 0 ? "none" : String(count));
    return `In all, ${number(added)} ${added === 1 ? "passage" : "passages"} added, ${number(changed)} changed and ${number(removed)} removed.`;
  },
  legendBefore: (version) =>
    `Below is the text of version ${version}. Each changed passage is labelled “Added”, “Removed” or “Changed”; within a changed passage,`,
  newWords: "new words are underlined",
  and: "and",
  removedWords: "words taken out are struck through",
  addedIn: (version) => `Added in version ${version}`,
  removedWasIn: (version) => `Removed: was in version ${version}`,
  changed: "Changed",
  wordAdded: "added",
  wordRemoved: "removed",
  backToTerms: "Back to the terms, to accept or decline them",
  versionInFull: (version) => `Version ${version} in full`,
};

const FRENCH: HistoryWords = {
  versionTitle: (version) => `Conditions d'utilisation, version ${version}`,
  replacedVersion: (version, replacement, from, on) =>
    `Version ${version} de nos conditions d'utilisation, en vigueur${from ? ` à partir du ${from}` : ""} jusqu'à ce que la version ${replacement} la remplace${on ? ` le ${on}` : ""}.`,
  currentVersion: (version, since) => `Version ${version} de nos conditions d'utilisation : la version en vigueur${since ? ` depuis le ${since}` : ""}.`,
  readVersion: (version) => `Lire la version ${version}`,
  or: "ou",
  seeWhatChanged: "voir ce qui a changé",
  forAuditors: "Pour les développeurs et les auditeurs",
  sha256Of: "SHA-256 du texte de cette version, tel que les enregistrements de consentement le conservent :",
  yourAnswers: "Vos réponses aux conditions",
  comparisonTitle: (from, to) => `Modifications de la version ${from} à la version ${to}`,
  comparisonHeading: (from, to) => `Ce qui a changé de la version ${from} à la version ${to}`,
  inShort: "En bref",
  versionLabel: (version) => `Version ${version} :`,
  everyChange: "Toutes les modifications",
  counts: ({ added, changed, removed }) => {
    if (added + changed + removed === 0) return "Les deux versions ont le même texte.";
    const number = (count: number) => (count === 0 ? "aucun" : String(count));
    return `En tout, ${number(added)} ${added > 1 ? "passages ajoutés" : "passage ajouté"}, ${number(changed)} ${changed > 1 ? "modifiés" : "modifié"} et ${number(removed)} ${removed > 1 ? "supprimés" : "supprimé"}.`;
  },
  legendBefore: (version) =>
    `Voici le texte de la version ${version}. Chaque passage modifié porte la mention « Ajouté », « Supprimé » ou « Modifié » ; dans un passage modifié,`,
  newWords: "les mots nouveaux sont soulignés",
  and: "et",
  removedWords: "les mots retirés sont barrés",
  addedIn: (version) => `Ajouté dans la version ${version}`,
  removedWasIn: (version) => `Supprimé : figurait dans la version ${version}`,
  changed: "Modifié",
  wordAdded: "ajouté",
  wordRemoved: "supprimé",
  backToTerms: "Revenir aux conditions, pour les accepter ou les refuser",
  versionInFull: (version) => `La version ${version} en entier`,
};

const HISTORY_WORDS = { en: ENGLISH, fr: FRENCH } satisfies Record<Locale, HistoryWords>;

export function historyWords(locale: Locale): HistoryWords {
  return HISTORY_WORDS[locale];
}
