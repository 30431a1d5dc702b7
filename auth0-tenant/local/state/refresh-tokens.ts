import { randomUUID } from "node:crypto";
import type { Authentication } from "../login/types";
import { SingleUseStore, type TakeResult } from "./single-use-store";

/** Auth0's default absolute lifetime for rotating refresh tokens. */
const REFRESH_LIFETIME_MS = 30 * 24 * 3600 * 1000;

export interface RefreshGrant {
  id: string;
  /** Every token rotated from the same login shares the family; a replay revokes the whole family. */
  familyId: string;
  clientId: string;
  scopes: string[];
  audience?: string;
  authentication: Authentication;
  createdAt: number;
}

export type RefreshCheck = { status: "ok"; grant: RefreshGrant } | { status: "refused"; reason: string };

/**
 * Rotating refresh tokens, in memory: each token works once and its successor replaces it. A token is only
 * consumed when its exchange succeeds, so an Action that denies an exchange does not cost the app its token.
 */
export class RefreshTokenStore {
  private readonly tokens: SingleUseStore<RefreshGrant>;

  constructor(private readonly now: () => number) {
    this.tokens = new SingleUseStore(now, REFRESH_LIFETIME_MS, 0);
  }

  issue(grant: Omit<RefreshGrant, "id" | "createdAt" | "familyId">, familyId: string = randomUUID()): string {
    return this.tokens.put({ ...grant, id: randomUUID(), familyId, createdAt: this.now() });
  }

  /** Checks a presented token without using it; presenting a used one (a replay) revokes its whole family. */
  check(token: string, clientId: string): RefreshCheck {
    return this.judge(this.tokens.inspect(token), clientId);
  }

  /** Uses the token and issues its successor in the same family. */
  rotate(token: string, clientId: string): { status: "ok"; token: string } | { status: "refused"; reason: string } {
    const result = this.judge(this.tokens.take(token), clientId);
    if (result.status === "refused") return result;
    const { id: _id, createdAt: _createdAt, familyId, ...grant } = result.grant;
    return { status: "ok", token: this.issue(grant, familyId) };
  }

  /** `/oauth/revoke`: the token's family stops working; unknown tokens and other clients' are ignored (RFC 7009). */
  revoke(token: string, clientId: string): void {
    const result = this.tokens.inspect(token);
    if (result.status !== "unknown" && result.value.clientId === clientId) this.revokeFamily(result.value.familyId);
  }

  revokeFamily(familyId: string): void {
    this.tokens.revokeWhere((grant) => grant.familyId === familyId);
  }

  private judge(result: TakeResult<RefreshGrant>, clientId: string): RefreshCheck {
    switch (result.status) {
      case "unknown":
        return { status: "refused", reason: "Unknown or invalid refresh token." };
      case "expired":
        return { status: "refused", reason: "The refresh token has expired." };
      case "used":
        if (result.revoked) return { status: "refused", reason: "The refresh token was revoked." };
        this.revokeFamily(result.value.familyId);
        return {
          status: "refused",
          reason: "The refresh token was already used (rotation); every token of its family is now revoked.",
        };
      case "ok":
        if (result.value.clientId !== clientId) {
          return { status: "refused", reason: "The refresh token was issued to another client." };
        }
        return { status: "ok", grant: result.value };
    }
  }
}
