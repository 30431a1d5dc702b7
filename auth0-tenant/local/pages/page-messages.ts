/** Every text of the tenant's pages; each language's dictionary must give them all (a missing one fails typecheck). */
export interface PageMessages {
  localTenantNote: string;
  continue: string;
  logInHeading: string;
  logInIntro: (applicationName: string) => string;
  emailLabel: string;
  passwordLabel: string;
  noAccount: string;
  signUpLink: string;
  wrongCredentials: string;
  signUpHeading: string;
  signUpIntro: (applicationName: string) => string;
  newPasswordLabel: (minLength: number) => string;
  haveAccount: string;
  logInLink: string;
  invalidEmail: string;
  passwordTooShort: (minLength: number) => string;
  userExists: string;
  mfaEnrollHeading: string;
  mfaVerifyHeading: string;
  mfaEnrollIntro: (applicationName: string, email: string) => string;
  mfaEnrollKeyNote: string;
  mfaVerifyIntro: (applicationName: string, email: string) => string;
  codeLabel: string;
  codeInLogNote: string;
  codeFormat: string;
  codeAlreadyUsed: string;
  wrongCode: string;
  attemptsLeft: (left: number) => string;
  errorHeading: string;
  errorReason: string;
  loggedOutHeading: string;
  loggedOutText: string;
}
