import type { PassedFactor } from "../actions-runtime/types";
import { bodyFields, type HttpRequest } from "../http/request";
import { htmlReply, withCookies, type Reply } from "../http/reply";
import { answerAppWithError } from "../login/app-response";
import { issueCode } from "../login/issue-code";
import { resumeAfterMfa } from "../login/resume-after-mfa";
import { matchTotpStep, newTotpSecret, totpCode } from "../mfa/totp";
import { MESSAGES } from "../pages/messages";
import { mfaOtpPage } from "../pages/mfa-otp-page";
import type { PageMessages } from "../pages/page-messages";
import { MAX_WRONG_CODES, type MfaChallenge } from "../state/mfa-challenges";
import { endedSessionCookie } from "../state/session-cookie";
import { SESSION_COOKIE } from "../state/sessions";
import type { Tenant } from "../tenant";
import { requireMfaChallenge, requireMfaCsrf } from "./mfa-challenge-guard";
import { pageLanguageFor } from "./page-language-for";

const CODE = /^\d{6}$/;

/** `GET /u/mfa-otp?state=…`: the enrollment key and code field, or the code field alone for an enrolled user. */
export function showMfaOtp(tenant: Tenant, req: HttpRequest): Reply {
  return renderChallenge(tenant, requireMfaChallenge(tenant, req, req.query.state), 200);
}

/**
 * `POST /u/mfa-otp`: a right code (of the enrolled app, or of the key being enrolled) records `mfa` in the tenant
 * session, then issues the authorization code, or resumes the Actions when one of them asked for this step. A wrong
 * one is refused; the fifth refuses the login and ends the tenant session, so that more guesses need the password
 * again.
 */
export async function submitMfaOtp(tenant: Tenant, req: HttpRequest): Promise<Reply> {
  const fields = bodyFields(await req.body());
  const challenge = requireMfaChallenge(tenant, req, fields.state ?? req.query.state);
  requireMfaCsrf(challenge, fields);
  const { login, who } = challenge;
  const userId = login.authentication.userId;
  if (!tenant.stores.users.findById(userId)) {
    tenant.mfaChallenges.delete(challenge.id);
    tenant.log(`login of ${who} refused: the user was deleted during the MFA challenge`);
    return answerAppWithError(login.request, "access_denied", "The user no longer exists.");
  }
  const code = (fields.code ?? "").replace(/\s/g, "");
  if (!CODE.test(code)) return renderChallenge(tenant, challenge, 400, (t) => t.codeFormat);

  const enrollment = tenant.stores.totpEnrollments.find(userId);
  // Enrolled from another tab meanwhile: that app's code is the one to give. Enrollment removed meanwhile: a new key.
  if (enrollment) delete challenge.pendingSecret;
  const secret = enrollment?.secret ?? (challenge.pendingSecret ??= newTotpSecret());
  const step = matchTotpStep(secret, code, tenant.now());
  const replayed = step !== undefined && enrollment !== undefined && step <= enrollment.last_used_step;
  if (step === undefined || replayed) return refuseCode(tenant, req, challenge, replayed);

  // Ended before any await: the same form posted twice issues one authorization code.
  tenant.mfaChallenges.delete(challenge.id);
  if (enrollment) {
    await tenant.stores.totpEnrollments.recordUse(userId, step);
  } else {
    await tenant.stores.totpEnrollments.enroll(userId, secret, step);
    tenant.log(`user ${who} enrolled an authenticator app (TOTP)`);
  }
  const passed: PassedFactor = { type: "otp", timestamp: new Date(tenant.now()).toISOString() };
  const mfa = { name: "mfa", ...passed };
  tenant.sessions.recordMfa(login.authentication.sessionId, mfa);
  const methods = [...login.authentication.methods.filter((method) => method.name !== "mfa"), mfa];
  const authentication = { ...login.authentication, methods };
  if ("pipeline" in login) return resumeAfterMfa(tenant, req, { ...login, authentication }, passed, who);
  return issueCode(tenant, { ...login, authentication }, who, "one-time code accepted, authorization code issued");
}

function refuseCode(tenant: Tenant, req: HttpRequest, challenge: MfaChallenge, replayed: boolean): Reply {
  challenge.wrongCodes += 1;
  const { login, who } = challenge;
  if (challenge.wrongCodes >= MAX_WRONG_CODES) {
    tenant.mfaChallenges.delete(challenge.id);
    tenant.sessions.delete(req.cookies[SESSION_COOKIE]);
    tenant.log(`login of ${who} to client ${login.request.clientId} refused: ${MAX_WRONG_CODES} wrong one-time codes, session ended`);
    const description = `Too many wrong verification codes (${MAX_WRONG_CODES}): the login was refused.`;
    const refusal = answerAppWithError(login.request, "access_denied", description);
    return withCookies(refusal, [endedSessionCookie(req)]);
  }
  tenant.log(`wrong one-time code for ${who}${replayed ? " (already used)" : ""}: ${challenge.wrongCodes} of ${MAX_WRONG_CODES}`);
  const left = MAX_WRONG_CODES - challenge.wrongCodes;
  return renderChallenge(tenant, challenge, 400, (t) => `${replayed ? t.codeAlreadyUsed : t.wrongCode} ${t.attemptsLeft(left)}`);
}

/** The challenge's page, in the login's language; `error` picks its message from that language's dictionary. */
function renderChallenge(tenant: Tenant, challenge: MfaChallenge, status: number, error?: (t: PageMessages) => string): Reply {
  const { login, who } = challenge;
  const language = pageLanguageFor(tenant, login.request.uiLocales);
  const secret = challenge.pendingSecret ?? tenant.stores.totpEnrollments.find(login.authentication.userId)?.secret;
  if (secret) {
    // The one deliberate exception to "never log a secret": a local-tenant convenience, so that a developer can
    // log in without an authenticator app. A code is good for one 30-second step, once; the key is never logged.
    tenant.log(`local-tenant convenience: the current one-time code for ${who} is ${totpCode(secret, tenant.now())}`);
  }
  const page = mfaOtpPage({
    challengeId: challenge.id,
    csrfToken: challenge.csrfToken,
    applicationName: tenant.stores.clients.get(login.request.clientId)?.name ?? "the application",
    language,
    email: who,
    ...(challenge.pendingSecret ? { enrollmentSecret: challenge.pendingSecret } : {}),
    ...(error ? { error: error(MESSAGES[language]) } : {}),
  });
  return htmlReply(status, page);
}
