import type { ErrorText } from "../http/error-page";

/** The words users read when a step cannot go on; the precise reason goes to the log (`errorPage`). */
export const STEP_ERRORS = {
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
} satisfies Record<string, ErrorText>;
