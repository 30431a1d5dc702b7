import { PRODUCT_NAME } from "../../contract/look";
import type { ProfileFieldName } from "../../contract/profile-fields";
import type { Locale } from "./locales";

/** What a page says when a step cannot go on: what happened and what to do, in plain words. */
export interface ErrorText {
  title: string;
  message: string;
}

/** What the hand-off page says, for the answer it carries: moving on by itself, or waiting for the button. */
export interface HandOffWording {
  title: string;
  /** Shown while the form submits itself. */
  withScript: string;
  /** Shown without JavaScript, above the Continue button: nothing happens until it is pressed. */
  withoutScript: string;
}

/**
 * Every word the login's step pages show (terms, profile, hand-off, their errors), in each language the app
 * publishes. `satisfies Record<Locale, StepWords>` below makes a missing key, or a missing language, fail typecheck.
 */
export interface StepWords {
  outsideSignIn: (arrivesWhen: string) => string;
  signIn: string;
  /** "Step 1 of 2", when several steps are due in one login. */
  stepPosition: (number: number, of: number) => string;
  terms: {
    title: string;
    arrivesWhen: string;
    /** Why the page is shown: a first sign-in, or terms updated since the version the user accepted. */
    whyFirst: string;
    whyUpdated: (accepted: number, version: number) => string;
    documentLabel: (version: number) => string;
    agree: (version: number) => string;
    accept: string;
    decline: string;
    declineEffect: string;
    agreementRequired: string;
    /** `acceptedOn` is HTML (a `<time>` element); without it, the date of the acceptance is unknown. */
    whatChangedSince: (version: number, acceptedOn?: string) => string;
    versionLabel: (version: number) => string;
    seeEveryChange: (from: number, to: number) => string;
    /** The 409, 429 and 503 pages of an answer. */
    alreadyAnswered: (decision: "accepted" | "declined", version: number) => ErrorText;
    rateLimited: { title: string; message: (minutes: number) => string; again: string };
    notRecorded: { title: (decision: "accepted" | "declined") => string; message: string; again: string };
  };
  profile: {
    title: string;
    arrivesWhen: string;
    intro: string;
    continue: string;
    /** Each field's label, hint and what a refused value is told; its rule is `lib/login-steps/profile/profile-fields.ts`'s. */
    fields: Record<ProfileFieldName, { label: string; hint: string; invalid: string }>;
    tooLong: (maxLength: number) => string;
  };
  handOff: {
    accepted: HandOffWording;
    declined: HandOffWording;
    profileSaved: HandOffWording;
    continue: string;
  };
  errors: {
    linkExpired: ErrorText;
    linkNotValid: ErrorText;
    sessionExpired: ErrorText;
    answerRefused: ErrorText;
    cannotContinue: ErrorText;
  };
  /** The error page around the error's words. */
  errorPage: {
    signInAgain: string;
    goToProduct: string;
    /** `reference` is HTML (the reference's element). */
    quoteReference: (reference: string) => string;
  };
}

export const STEP_WORDS = {
  en: {
    outsideSignIn: (arrivesWhen) => `This page is part of signing in: you arrive here when ${arrivesWhen}.`,
    signIn: "Sign in",
    stepPosition: (number, of) => `Step ${number} of ${of}`,
    terms: {
      title: "Terms of use",
      arrivesWhen: "there are terms of use for you to accept",
      whyFirst: `Before you use ${PRODUCT_NAME} for the first time, please read its terms of use and accept them.`,
      whyUpdated: (accepted, version) =>
        `We updated our terms of use. You accepted version ${accepted}; to keep using ${PRODUCT_NAME}, please read version ${version} and accept it.`,
      documentLabel: (version) => `Terms of use, version ${version}`,
      agree: (version) => `I have read and agree to the terms of use (version ${version})`,
      accept: "Accept and continue",
      decline: "Decline",
      declineEffect: `Decline ends this sign-in: you will not be signed in to ${PRODUCT_NAME}. We keep a record of your answer, and you can sign in again at any time to accept.`,
      agreementRequired: "To accept, tick the box that says you have read and agree to the terms.",
      whatChangedSince: (version, acceptedOn) =>
        acceptedOn ? `What changed since version ${version}, which you accepted on ${acceptedOn}` : `What changed since version ${version}, which you accepted`,
      versionLabel: (version) => `Version ${version}:`,
      seeEveryChange: (from, to) => `See every change from version ${from} to version ${to}`,
      alreadyAnswered: (decision, version) => ({
        title: "This sign-in was already answered",
        message:
          `For this sign-in, your answer is already recorded: you ${decision} the terms of use (version ${version}). ` +
          "A recorded answer cannot be changed. Sign in again to give a new answer.",
      }),
      rateLimited: {
        title: "Too many answers — try again later",
        message: (minutes) =>
          "This account has answered our terms many times in a short while, so we are not recording more answers for it just now. " +
          `Nothing was recorded or sent to the sign-in. You can send your answer again in ${minutes} minute${minutes > 1 ? "s" : ""}.`,
        again: "Send my answer again",
      },
      notRecorded: {
        title: (decision) => `We could not record your ${decision === "accepted" ? "acceptance" : "answer"} — try again`,
        message:
          "We keep a record of every answer to our terms before you continue, and our records are not reachable right now. " +
          "Nothing was sent to the sign-in yet. Please try again in a few seconds.",
        again: "Try again",
      },
    },
    profile: {
      title: "Complete your profile",
      arrivesWhen: "your profile is missing something we need",
      intro: `Before you continue to ${PRODUCT_NAME}, we need a few details. You are asked once.`,
      continue: "Continue",
      fields: {
        display_name: { label: "Display name", hint: "How we address you in the product.", invalid: "Enter at least 2 characters." },
        company: { label: "Company", hint: "The organisation you work for.", invalid: "Enter the name of your company." },
        country: { label: "Country", hint: "Two-letter code, e.g. FR, DE or US.", invalid: "Enter a two-letter country code, e.g. FR or US." },
        favorite_color: {
          label: "Favourite colour",
          hint: "One or two words, e.g. blue or sea green.",
          invalid: "Enter a colour name in letters, e.g. blue or sea green.",
        },
      },
      tooLong: (maxLength) => `Use at most ${maxLength} characters.`,
    },
    handOff: {
      accepted: {
        title: "Thank you: your acceptance is recorded",
        withScript: `Continuing your sign-in to ${PRODUCT_NAME}…`,
        withoutScript: `Press Continue to go on signing in to ${PRODUCT_NAME}.`,
      },
      declined: {
        title: "Your answer is recorded",
        withScript: `You declined the terms of use, so you will not be signed in to ${PRODUCT_NAME}. Ending your sign-in…`,
        withoutScript: `You declined the terms of use, so you will not be signed in to ${PRODUCT_NAME}. Press Continue to end this sign-in.`,
      },
      profileSaved: {
        title: "Your profile is saved",
        withScript: `Continuing your sign-in to ${PRODUCT_NAME}…`,
        withoutScript: `Press Continue to go on signing in to ${PRODUCT_NAME}.`,
      },
      continue: "Continue",
    },
    errors: {
      linkExpired: {
        title: "This sign-in link has expired",
        message: "Sign-in links work for a few minutes only. Sign in again to continue.",
      },
      linkNotValid: {
        title: "This sign-in link does not work",
        message: "The link is incomplete or was not made for this page. Sign in again to continue.",
      },
      sessionExpired: {
        title: "Your sign-in has expired",
        message: "We could not find the sign-in this answer belongs to (it may have expired after 30 minutes). Sign in again.",
      },
      answerRefused: {
        title: "Your answer could not be accepted",
        message: "Answers are accepted only from this site's own pages. Sign in again and answer on the page we show you.",
      },
      cannotContinue: {
        title: "We cannot continue your sign-in right now",
        message: "Something is wrong on our side, not with your account. Please try again later.",
      },
    },
    errorPage: {
      signInAgain: "Sign in again",
      goToProduct: `Go to ${PRODUCT_NAME}`,
      quoteReference: (reference) => `If this keeps happening, contact support and quote reference ${reference}.`,
    },
  },
  fr: {
    outsideSignIn: (arrivesWhen) => `Cette page fait partie de la connexion : vous y arrivez lorsque ${arrivesWhen}.`,
    signIn: "Se connecter",
    stepPosition: (number, of) => `Étape ${number} sur ${of}`,
    terms: {
      title: "Conditions d'utilisation",
      arrivesWhen: "des conditions d'utilisation sont à accepter",
      whyFirst: `Avant d'utiliser ${PRODUCT_NAME} pour la première fois, veuillez lire ses conditions d'utilisation et les accepter.`,
      whyUpdated: (accepted, version) =>
        `Nous avons mis à jour nos conditions d'utilisation. Vous aviez accepté la version ${accepted} ; pour continuer à utiliser ${PRODUCT_NAME}, veuillez lire la version ${version} et l'accepter.`,
      documentLabel: (version) => `Conditions d'utilisation, version ${version}`,
      agree: (version) => `J'ai lu et j'accepte les conditions d'utilisation (version ${version})`,
      accept: "Accepter et continuer",
      decline: "Refuser",
      declineEffect: `Refuser met fin à cette connexion : vous ne serez pas connecté à ${PRODUCT_NAME}. Nous conservons une trace de votre réponse, et vous pouvez vous reconnecter à tout moment pour accepter.`,
      agreementRequired: "Pour accepter, cochez la case indiquant que vous avez lu et acceptez les conditions.",
      whatChangedSince: (version, acceptedOn) =>
        acceptedOn
          ? `Ce qui a changé depuis la version ${version}, que vous avez acceptée le ${acceptedOn}`
          : `Ce qui a changé depuis la version ${version}, que vous avez acceptée`,
      versionLabel: (version) => `Version ${version} :`,
      seeEveryChange: (from, to) => `Voir toutes les modifications de la version ${from} à la version ${to}`,
      alreadyAnswered: (decision, version) => ({
        title: "Cette connexion a déjà reçu une réponse",
        message:
          `Pour cette connexion, votre réponse est déjà enregistrée : vous avez ${decision === "accepted" ? "accepté" : "refusé"} ` +
          `les conditions d'utilisation (version ${version}). Une réponse enregistrée ne peut pas être modifiée. ` +
          "Reconnectez-vous pour donner une nouvelle réponse.",
      }),
      rateLimited: {
        title: "Trop de réponses — réessayez plus tard",
        message: (minutes) =>
          "Ce compte a répondu à nos conditions de nombreuses fois en peu de temps : nous n'enregistrons plus de réponse pour lui pour l'instant. " +
          `Rien n'a été enregistré ni transmis à la connexion. Vous pourrez renvoyer votre réponse dans ${minutes} minute${minutes > 1 ? "s" : ""}.`,
        again: "Renvoyer ma réponse",
      },
      notRecorded: {
        title: (decision) => `Nous n'avons pas pu enregistrer votre ${decision === "accepted" ? "acceptation" : "réponse"} — réessayez`,
        message:
          "Nous enregistrons chaque réponse à nos conditions avant que vous continuiez, et nos registres sont injoignables pour le moment. " +
          "Rien n'a encore été transmis à la connexion. Veuillez réessayer dans quelques secondes.",
        again: "Réessayer",
      },
    },
    profile: {
      title: "Complétez votre profil",
      arrivesWhen: "il manque à votre profil une information dont nous avons besoin",
      intro: `Avant de continuer vers ${PRODUCT_NAME}, nous avons besoin de quelques informations. Cela ne vous est demandé qu'une fois.`,
      continue: "Continuer",
      fields: {
        display_name: { label: "Nom affiché", hint: "Le nom par lequel le produit s'adresse à vous.", invalid: "Saisissez au moins 2 caractères." },
        company: { label: "Entreprise", hint: "L'organisation pour laquelle vous travaillez.", invalid: "Saisissez le nom de votre entreprise." },
        country: { label: "Pays", hint: "Code à deux lettres, par exemple FR, DE ou US.", invalid: "Saisissez un code pays à deux lettres, par exemple FR ou US." },
        favorite_color: {
          label: "Couleur préférée",
          hint: "Un ou deux mots, en anglais, par exemple blue ou sea green.",
          invalid: "Saisissez le nom d'une couleur en lettres, en anglais, par exemple blue ou sea green.",
        },
      },
      tooLong: (maxLength) => `Utilisez au plus ${maxLength} caractères.`,
    },
    handOff: {
      accepted: {
        title: "Merci : votre acceptation est enregistrée",
        withScript: `Poursuite de votre connexion à ${PRODUCT_NAME}…`,
        withoutScript: `Appuyez sur Continuer pour poursuivre votre connexion à ${PRODUCT_NAME}.`,
      },
      declined: {
        title: "Votre réponse est enregistrée",
        withScript: `Vous avez refusé les conditions d'utilisation : vous ne serez donc pas connecté à ${PRODUCT_NAME}. Fin de votre connexion…`,
        withoutScript: `Vous avez refusé les conditions d'utilisation : vous ne serez donc pas connecté à ${PRODUCT_NAME}. Appuyez sur Continuer pour mettre fin à cette connexion.`,
      },
      profileSaved: {
        title: "Votre profil est enregistré",
        withScript: `Poursuite de votre connexion à ${PRODUCT_NAME}…`,
        withoutScript: `Appuyez sur Continuer pour poursuivre votre connexion à ${PRODUCT_NAME}.`,
      },
      continue: "Continuer",
    },
    errors: {
      linkExpired: {
        title: "Ce lien de connexion a expiré",
        message: "Les liens de connexion ne fonctionnent que quelques minutes. Reconnectez-vous pour continuer.",
      },
      linkNotValid: {
        title: "Ce lien de connexion ne fonctionne pas",
        message: "Le lien est incomplet ou n'a pas été fait pour cette page. Reconnectez-vous pour continuer.",
      },
      sessionExpired: {
        title: "Votre connexion a expiré",
        message: "Nous n'avons pas trouvé la connexion à laquelle appartient cette réponse (elle a peut-être expiré après 30 minutes). Reconnectez-vous.",
      },
      answerRefused: {
        title: "Votre réponse n'a pas pu être acceptée",
        message: "Les réponses ne sont acceptées que depuis les pages de ce site. Reconnectez-vous et répondez sur la page que nous vous montrons.",
      },
      cannotContinue: {
        title: "Nous ne pouvons pas poursuivre votre connexion pour le moment",
        message: "Le problème vient de chez nous, pas de votre compte. Veuillez réessayer plus tard.",
      },
    },
    errorPage: {
      signInAgain: "Se reconnecter",
      goToProduct: `Aller à ${PRODUCT_NAME}`,
      quoteReference: (reference) => `Si cela se reproduit, contactez l'assistance en indiquant la référence ${reference}.`,
    },
  },
} satisfies Record<Locale, StepWords>;

export function stepWords(locale: Locale): StepWords {
  return STEP_WORDS[locale];
}
