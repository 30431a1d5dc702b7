import { describe, expect, it } from "vitest";
import type { AuthorizeRequest, CompletedLogin } from "../login/types";
import { LoginTransactionStore } from "./login-transactions";
import { MfaChallengeStore } from "./mfa-challenges";

const HOUR = 3600 * 1000;
// The stores keep these records without reading them.
const request = {} as AuthorizeRequest;
const login = {} as CompletedLogin;

describe("FormStateStore", () => {
  it("finds a record until it expires, and says why it finds none", () => {
    let now = 0;
    const store = new LoginTransactionStore(() => now);
    const transaction = store.create(request, "browser");
    expect(transaction.id).not.toBe(transaction.csrfToken);
    expect(store.find(transaction.id)).toEqual({ status: "ok", record: transaction });
    expect(store.find(transaction.id)).toEqual({ status: "ok", record: transaction });
    expect(store.find(undefined)).toEqual({ status: "missing" });
    expect(store.find("made-up")).toEqual({ status: "unknown" });
    now = HOUR;
    expect(store.find(transaction.id)).toEqual({ status: "expired" });
  });

  it("forgets a deleted record", () => {
    const store = new MfaChallengeStore(() => 0);
    const challenge = store.create({ login, who: "a@example.com" });
    expect(challenge.wrongCodes).toBe(0);
    store.delete(challenge.id);
    expect(store.find(challenge.id)).toEqual({ status: "unknown" });
  });

  it("keeps an expired login transaction an hour more, so a late form is told it expired", () => {
    let now = 0;
    const store = new LoginTransactionStore(() => now);
    const old = store.create(request, "browser");
    now = 2 * HOUR - 1;
    store.create(request, "browser");
    expect(store.find(old.id)).toEqual({ status: "expired" });
    now = 2 * HOUR + 60_000;
    store.create(request, "browser");
    expect(store.find(old.id)).toEqual({ status: "unknown" });
  });

  it("sweeps an MFA challenge once it expired", () => {
    let now = 0;
    const store = new MfaChallengeStore(() => now);
    const old = store.create({ login, who: "a@example.com" });
    now = HOUR + 60_000;
    store.create({ login, who: "a@example.com" });
    expect(store.find(old.id)).toEqual({ status: "unknown" });
  });
});
