import type { StepWords } from "../i18n/step-words";

/** The errors a step shows users when it cannot go on; the words are each language's (`lib/i18n/step-words.ts`). */
export type StepError = keyof StepWords["errors"];
