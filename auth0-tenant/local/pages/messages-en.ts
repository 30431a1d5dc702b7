import type { PageMessages } from "./page-messages";

export const en: PageMessages = {
  localTenantNote: "Local Auth0 tenant (offline emulator)",
  continue: "Continue",
  logInHeading: "Log in",
  logInIntro: (applicationName) => `Log in to continue to ${applicationName}.`,
  emailLabel: "Email address",
  passwordLabel: "Password",
  noAccount: "Don't have an account?",
  signUpLink: "Sign up",
  // The same message for an unknown email and a wrong password, so the page does not reveal who has an account.
  wrongCredentials: "Wrong email or password.",
  signUpHeading: "Sign up",
  signUpIntro: (applicationName) => `Create your account for ${applicationName}.`,
  newPasswordLabel: (minLength) => `Password (at least ${minLength} characters)`,
  haveAccount: "Already have an account?",
  logInLink: "Log in",
  invalidEmail: "Enter a valid email address.",
  passwordTooShort: (minLength) => `The password must have at least ${minLength} characters.`,
  userExists: "The user already exists.",
  mfaEnrollHeading: "Set up two-step verification",
  mfaVerifyHeading: "Verify your identity",
  mfaEnrollIntro: (applicationName, email) =>
    `${applicationName} asks for a second factor. Add ${email} to an authenticator app with this key (time-based, 6 digits, 30 seconds):`,
  mfaEnrollKeyNote: "The key is shown until you confirm it with a code, never after.",
  mfaVerifyIntro: (applicationName, email) =>
    `${applicationName} asks for a second factor. Enter the code your authenticator app shows for ${email}.`,
  codeLabel: "Verification code",
  codeInLogNote: "Local tenant: the current code is also written to the tenant's log.",
  codeFormat: "Enter the 6-digit code from your authenticator app.",
  codeAlreadyUsed: "That code was already used; wait for the next one.",
  wrongCode: "Wrong code.",
  attemptsLeft: (left) => `${left} attempt${left === 1 ? "" : "s"} left.`,
  errorHeading: "Something went wrong",
  errorReason: "Reason:",
  loggedOutHeading: "Logged out",
  loggedOutText: "You have been logged out of the local tenant.",
};
