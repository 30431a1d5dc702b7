import { decodeJwt } from "jose";
import { describe, expect, it } from "vitest";
import { generateSecrets, serverEnvironment } from "./bench-config";
import { ConsentInputs } from "./consent-inputs";

const env = serverEnvironment({
  appUrl: "http://127.0.0.1:3999",
  secrets: generateSecrets(),
  ledger: { databaseUrl: "postgres://bench@127.0.0.1:5432/bench" },
  envFileVariables: [],
});

const subjectOf = (path: string) => decodeJwt(new URL(path, "http://127.0.0.1").searchParams.get("session_token") ?? "").sub;

describe("ConsentInputs", () => {
  it("gives every login a user of its own, also across runs sharing a database (whose rate limit counts per user)", async () => {
    const first = new ConsentInputs(env);
    const again = new ConsentInputs(env);
    const subjects = [await first.intakePath(), await first.intakePath(), await again.intakePath()].map(subjectOf);
    expect(subjects.every((sub) => sub?.startsWith("auth0|bench-"))).toBe(true);
    expect(new Set(subjects).size).toBe(3);
  });
});
