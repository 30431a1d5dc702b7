import { randomBytes } from "node:crypto";
import type { Authentication } from "../login/types";

export const SESSION_COOKIE = "auth0_local_session";

/** Absolute lifetime of a tenant session (Auth0's default is 7 days of inactivity / 30 days overall). */
const SESSION_LIFETIME_MS = 7 * 24 * 3600 * 1000;

interface SessionRecord {
  authentication: Authentication;
  expiresAt: number;
}

/**
 * Tenant (SSO) sessions, in memory: a restart logs everyone out of the tenant, like clearing Auth0's cookies.
 * The cookie carries a random secret; the public session id (`sid`) is a different value.
 */
export class SessionStore {
  private readonly byCookie = new Map<string, SessionRecord>();

  constructor(private readonly now: () => number) {}

  create(userId: string, methods: Authentication["methods"]): { cookieValue: string; authentication: Authentication } {
    const cookieValue = randomBytes(32).toString("base64url");
    const authentication: Authentication = {
      userId,
      sessionId: randomBytes(16).toString("base64url"),
      authenticatedAt: this.now(),
      methods,
    };
    this.byCookie.set(cookieValue, { authentication, expiresAt: this.now() + SESSION_LIFETIME_MS });
    return { cookieValue, authentication };
  }

  find(cookieValue: string | undefined): Authentication | undefined {
    if (!cookieValue) return undefined;
    const record = this.byCookie.get(cookieValue);
    if (!record) return undefined;
    if (this.now() >= record.expiresAt) {
      this.byCookie.delete(cookieValue);
      return undefined;
    }
    return record.authentication;
  }

  /** Methods recorded by `api.authentication.recordMethod` stay with the session. */
  recordMethods(sessionId: string, methods: Authentication["methods"]): void {
    if (methods.length === 0) return;
    for (const record of this.byCookie.values()) {
      if (record.authentication.sessionId === sessionId) {
        const known = new Set(record.authentication.methods.map((method) => method.name));
        record.authentication.methods.push(...methods.filter((method) => !known.has(method.name)));
      }
    }
  }

  /** A passed MFA challenge: later logins in this session see it in `event.authentication.methods`, latest time only. */
  recordMfa(sessionId: string, method: Authentication["methods"][number]): void {
    for (const record of this.byCookie.values()) {
      const { authentication } = record;
      if (authentication.sessionId !== sessionId) continue;
      authentication.methods = [...authentication.methods.filter((known) => known.name !== method.name), method];
    }
  }

  delete(cookieValue: string | undefined): void {
    if (cookieValue) this.byCookie.delete(cookieValue);
  }
}
