import { en } from "./messages-en";
import { fr } from "./messages-fr";
import type { PageLanguage } from "./page-language";
import type { PageMessages } from "./page-messages";

/** One dictionary per page language. */
export const MESSAGES: Record<PageLanguage, PageMessages> = { en, fr };
