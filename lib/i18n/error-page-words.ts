import { PRODUCT_NAME } from "../../contract/look";
import type { Locale } from "./locales";

/** One of the app's error pages: its tab title, its heading and what it tells the user. */
export interface ErrorPageText {
  title: string;
  heading: string;
  message: string;
}

/**
 * Every word of the app's own error pages (404, 500, a sign-in that failed on the way), in each language the app
 * publishes. `satisfies Record<Locale, ErrorPageWords>` below makes a missing key, or a missing language, fail
 * typecheck.
 */
export interface ErrorPageWords {
  notFound: ErrorPageText;
  serverError: ErrorPageText & { tryAgain: string };
  signInFailed: ErrorPageText & { signInAgain: string };
  goToProduct: string;
  backToProduct: string;
  /** The words around the reference, which the page shows as an element of its own. */
  quoteReference: { before: string; after: string };
}

export const ERROR_PAGE_WORDS = {
  en: {
    notFound: {
      title: "Page not found",
      heading: "Page not found",
      message: "There is no page at this address. It may have moved, or the link may be mistyped.",
    },
    serverError: {
      title: "Something went wrong",
      heading: "Something went wrong on our side",
      message: "This page could not be shown. Nothing is wrong with your account: please try again in a moment.",
      tryAgain: "Try again",
    },
    signInFailed: {
      title: "Sign-in not completed",
      heading: "We could not complete your sign-in",
      message: "Something went wrong on our side while signing you in. Nothing was refused: please try again.",
      signInAgain: "Sign in again",
    },
    goToProduct: `Go to ${PRODUCT_NAME}`,
    backToProduct: `Back to ${PRODUCT_NAME}`,
    quoteReference: { before: "If this keeps happening, contact support and quote reference ", after: "." },
  },
  fr: {
    notFound: {
      title: "Page introuvable",
      heading: "Page introuvable",
      message: "Il n'y a aucune page à cette adresse. Elle a peut-être été déplacée, ou le lien est mal saisi.",
    },
    serverError: {
      title: "Une erreur s'est produite",
      heading: "Une erreur s'est produite de notre côté",
      message: "Cette page n'a pas pu être affichée. Votre compte n'est pas en cause : veuillez réessayer dans un instant.",
      tryAgain: "Réessayer",
    },
    signInFailed: {
      title: "Connexion non aboutie",
      heading: "Nous n'avons pas pu terminer votre connexion",
      message: "Un problème est survenu de notre côté pendant votre connexion. Rien n'a été refusé : veuillez réessayer.",
      signInAgain: "Se reconnecter",
    },
    goToProduct: `Aller à ${PRODUCT_NAME}`,
    backToProduct: `Revenir à ${PRODUCT_NAME}`,
    quoteReference: { before: "Si cela se reproduit, contactez l'assistance en indiquant la référence ", after: "." },
  },
} satisfies Record<Locale, ErrorPageWords>;

export function errorPageWords(locale: Locale): ErrorPageWords {
  return ERROR_PAGE_WORDS[locale];
}
