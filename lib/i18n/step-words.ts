import type { ProfileFieldName } from "../../contract/profile-fields";
import type { Locale } from "./locales";

/**
 * Every word the login's step pages show (terms, profile, hand-off, their errors), in each language the app
 * publishes. `satisfies Record<Locale, StepWords>` below makes a missing key, or a missing language, fail typecheck.
 */
export interface StepWords {
  siteName: string;
  /** "Terms of use · Product XYZ": every tab names the page and the product. */
  tabTitle: (page: string) => string;
  outsideSignIn: (arrivesWhen: string) => string;
  signIn: string;
  terms: {
    title: string;
    arrivesWhen: string;
    agree: (version: number) => string;
    accept: string;
    decline: string;
    agreementRequired: string;
    /** `acceptedOn` is HTML (a `<time>` element). */
    whatChangedSince: (version: number, acceptedOn: string) => string;
    versionLabel: (version: number) => string;
    seeEveryChange: (from: number, to: number) => string;
  };
  profile: {
    title: string;
    arrivesWhen: string;
    intro: string;
    continue: string;
    /** Each field's label and hint; its rule and the rule's messages are `lib/login-steps/profile/profile-fields.ts`'s. */
    fields: Record<ProfileFieldName, { label: string; hint: string }>;
  };
  handOff: {
    title: string;
    returning: string;
    continue: string;
  };
}

export const STEP_WORDS = {
  en: {
    siteName: "Product XYZ",
    tabTitle: (page) => `${page} · Product XYZ`,
    outsideSignIn: (arrivesWhen) => `This page is part of signing in: you arrive here when ${arrivesWhen}.`,
    signIn: "Sign in",
    terms: {
      title: "Terms of use",
      arrivesWhen: "there are terms of use for you to accept",
      agree: (version) => `I have read and agree to the terms of use (version ${version})`,
      accept: "Accept",
      decline: "Decline",
      agreementRequired: "To accept, tick the box that says you have read and agree to the terms.",
      whatChangedSince: (version, acceptedOn) => `What changed since version ${version}, which you accepted on ${acceptedOn}`,
      versionLabel: (version) => `Version ${version}:`,
      seeEveryChange: (from, to) => `See every change from version ${from} to version ${to}`,
    },
    profile: {
      title: "Complete your profile",
      arrivesWhen: "your profile is missing something we need",
      intro: "We need a few details before you continue. You are asked once.",
      continue: "Continue",
      fields: {
        display_name: { label: "Display name", hint: "How we address you in the product." },
        company: { label: "Company", hint: "The organisation you work for." },
        country: { label: "Country", hint: "Two-letter code, e.g. FR, DE or US." },
        favorite_color: { label: "Favourite colour", hint: "One or two words, e.g. blue or sea green." },
      },
    },
    handOff: { title: "Returning to sign-in…", returning: "Returning to sign-in…", continue: "Continue" },
  },
  fr: {
    siteName: "Product XYZ",
    tabTitle: (page) => `${page} · Product XYZ`,
    outsideSignIn: (arrivesWhen) => `Cette page fait partie de la connexion : vous y arrivez lorsque ${arrivesWhen}.`,
    signIn: "Se connecter",
    terms: {
      title: "Conditions d'utilisation",
      arrivesWhen: "des conditions d'utilisation sont à accepter",
      agree: (version) => `J'ai lu et j'accepte les conditions d'utilisation (version ${version})`,
      accept: "Accepter",
      decline: "Refuser",
      agreementRequired: "Pour accepter, cochez la case indiquant que vous avez lu et acceptez les conditions.",
      whatChangedSince: (version, acceptedOn) => `Ce qui a changé depuis la version ${version}, que vous avez acceptée le ${acceptedOn}`,
      versionLabel: (version) => `Version ${version} :`,
      seeEveryChange: (from, to) => `Voir toutes les modifications de la version ${from} à la version ${to}`,
    },
    profile: {
      title: "Complétez votre profil",
      arrivesWhen: "il manque à votre profil une information dont nous avons besoin",
      intro: "Nous avons besoin de quelques informations avant que vous continuiez. Cela ne vous est demandé qu'une fois.",
      continue: "Continuer",
      fields: {
        display_name: { label: "Nom affiché", hint: "Le nom par lequel le produit s'adresse à vous." },
        company: { label: "Entreprise", hint: "L'organisation pour laquelle vous travaillez." },
        country: { label: "Pays", hint: "Code à deux lettres, par exemple FR, DE ou US." },
        favorite_color: { label: "Couleur préférée", hint: "Un ou deux mots, en anglais, par exemple blue ou sea green." },
      },
    },
    handOff: { title: "Retour à la connexion…", returning: "Retour à la connexion…", continue: "Continuer" },
  },
} satisfies Record<Locale, StepWords>;

export function stepWords(locale: Locale): StepWords {
  return STEP_WORDS[locale];
}
