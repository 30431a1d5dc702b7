/** Auth0's hosted-page text when it cannot find the login a request refers to (the precise reason is added apart). */
export const LOST_SESSION_MESSAGE =
  "You may have pressed the back button, refreshed during login, opened too many login dialogs, or there is some issue with cookies, since we couldn't find your session. Try logging in again from the application";
