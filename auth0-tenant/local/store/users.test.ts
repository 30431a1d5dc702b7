import { appendFile, mkdtemp, readFile, rm, stat, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { StoreError } from "../errors";
import { writeUsersFile } from "./testing/stored-users";
import { UserStore, type StoredUser } from "./users";

let dataDir: string;
const now = () => Date.parse("2026-12-01T12:00:00Z");

beforeEach(async () => {
  dataDir = await mkdtemp(join(tmpdir(), "user-store-"));
});
afterEach(async () => {
  await rm(dataDir, { recursive: true, force: true });
});

const writeEarlierUsersFile = (count: number) => writeUsersFile(dataDir, count);

const journalPath = () => join(dataDir, "users.journal");
const journalBytes = async () => (await stat(journalPath()).catch(() => ({ size: 0 }))).size;

describe("UserStore", () => {
  describe("data of earlier versions", () => {
    it("reads the users.json of earlier versions as it is, and keeps it across restarts", async () => {
      const earlier = await writeEarlierUsersFile(3);
      const store = await UserStore.open(dataDir, now);
      expect(store.list()).toEqual(earlier);
      expect(await store.authenticate("user-1@example.com", "stored-password-1")).toMatchObject({ user_id: earlier[1]?.user_id });
      await store.recordLogin(earlier[1]?.user_id ?? "", "127.0.0.1");
      await store.close();
      const reopened = await UserStore.open(dataDir, now);
      expect(reopened.findByEmail("USER-1@example.com")).toMatchObject({ logins_count: 2, last_ip: "127.0.0.1" });
      expect(reopened.list().map((user) => user.user_id)).toEqual(earlier.map((user) => user.user_id));
      await reopened.close();
    });
  });

  describe("a change", () => {
    it("appends one line to users.journal and leaves users.json untouched", async () => {
      await writeEarlierUsersFile(2);
      const before = await readFile(join(dataDir, "users.json"), "utf8");
      const store = await UserStore.open(dataDir, now);
      const user = await store.create({ email: "new@example.com", password: "new-password-1" });
      await store.applyMetadataPatch(user.user_id, { app_metadata: { plan: "gold" } });
      expect(await readFile(join(dataDir, "users.json"), "utf8")).toBe(before);
      const lines = (await readFile(journalPath(), "utf8")).trimEnd().split("\n").map((line) => JSON.parse(line) as { put: StoredUser });
      expect(lines.map((line) => line.put.app_metadata)).toEqual([{}, { plan: "gold" }]);
      expect((await stat(journalPath())).mode & 0o077).toBe(0);
      await store.close();
    });

    it("costs the same with 10 users stored as with 10,000: the bytes written per login do not grow", async () => {
      const bytesPerLogin = async (count: number) => {
        await rm(dataDir, { recursive: true, force: true });
        dataDir = await mkdtemp(join(tmpdir(), "user-store-"));
        const users = await writeEarlierUsersFile(count);
        const store = await UserStore.open(dataDir, now);
        const before = await journalBytes();
        for (const user of users.slice(0, 10)) await store.recordLogin(user.user_id, "127.0.0.1");
        const written = (await journalBytes()) - before;
        await store.close();
        return written / 10;
      };
      const few = await bytesPerLogin(10);
      const many = await bytesPerLogin(10_000);
      expect(few).toBeGreaterThan(0);
      // The same record, give or take the digits of its id and email.
      expect(Math.abs(many - few)).toBeLessThan(16);
    });

    it("shares one write among the changes queued meanwhile, and loses none", async () => {
      const users = await writeEarlierUsersFile(50);
      const store = await UserStore.open(dataDir, now);
      await Promise.all(users.map((user) => store.recordLogin(user.user_id, "::1")));
      await Promise.all(users.map((user) => store.recordLogin(user.user_id, "::1")));
      await store.close();
      const reopened = await UserStore.open(dataDir, now);
      expect(reopened.list().map((user) => user.logins_count)).toEqual(users.map(() => 3));
      await reopened.close();
    });
  });

  describe("restarts", () => {
    it("replays the journal at start, then folds it into users.json", async () => {
      const store = await UserStore.open(dataDir, now);
      const kept = await store.create({ email: "kept@example.com", password: "kept-password-1" });
      const removed = await store.create({ email: "removed@example.com", password: "removed-password-1" });
      await store.update(kept.user_id, { email: "renamed@example.com", user_metadata: { favorite_color: "green" } });
      await store.delete(removed.user_id);
      // No close: as after kill -9, the journal alone holds these changes.
      const reopened = await UserStore.open(dataDir, now);
      expect(reopened.list().map((user) => [user.email, user.user_metadata])).toEqual([["renamed@example.com", { favorite_color: "green" }]]);
      expect(reopened.findByEmail("kept@example.com")).toBeUndefined();
      expect(await journalBytes()).toBe(0);
      const snapshot = JSON.parse(await readFile(join(dataDir, "users.json"), "utf8")) as { users: StoredUser[] };
      expect(snapshot.users.map((user) => user.email)).toEqual(["renamed@example.com"]);
      await reopened.close();
    });

    it("drops a last line that a crash cut short, and writes the next change on a line of its own", async () => {
      const [user] = await writeEarlierUsersFile(1);
      const store = await UserStore.open(dataDir, now);
      await store.recordLogin(user?.user_id ?? "", "127.0.0.1");
      const written = await readFile(journalPath(), "utf8");
      await store.close();
      await appendFile(journalPath(), written.slice(0, 40));
      const reopened = await UserStore.open(dataDir, now);
      expect(reopened.list()[0]?.logins_count).toBe(2);
      await reopened.recordLogin(user?.user_id ?? "", "127.0.0.1");
      const again = await UserStore.open(dataDir, now);
      expect(again.list()[0]?.logins_count).toBe(3);
      await again.close();
    });

    it("refuses a journal with a damaged line in the middle, naming the file and the line", async () => {
      await writeEarlierUsersFile(1);
      await writeFile(journalPath(), '{"delete":"auth0|1"}\n{"put":{"email":1}}\n{"delete":"auth0|2"}\n');
      const opened = UserStore.open(dataDir, now);
      await expect(opened).rejects.toBeInstanceOf(StoreError);
      await expect(opened).rejects.toThrow(`${journalPath()}:2 does not have the expected shape`);
    });
  });

  describe("compaction", () => {
    it("folds the journal into users.json whenever it has more lines than there are users", async () => {
      const users = await writeEarlierUsersFile(1_000);
      const store = await UserStore.open(dataDir, now);
      for (let round = 0; round < 5; round += 1) await Promise.all(users.map((user) => store.recordLogin(user.user_id, "127.0.0.1")));
      const snapshot = JSON.parse(await readFile(join(dataDir, "users.json"), "utf8")) as { users: StoredUser[] };
      expect(snapshot.users.every((user) => user.logins_count > 1)).toBe(true);
      // 5,000 changes, of which at most two rounds wait in the journal.
      expect((await readFile(journalPath(), "utf8")).trimEnd().split("\n").length).toBeLessThanOrEqual(2_000);
      await store.close();
      const reopened = await UserStore.open(dataDir, now);
      expect(reopened.list().map((user) => user.logins_count)).toEqual(users.map(() => 6));
      await reopened.close();
    });
  });

  describe("sign-ups at the same moment", () => {
    it("refuses the second of two sign-ups with one email, even while the first is hashing", async () => {
      const store = await UserStore.open(dataDir, now);
      const outcomes = await Promise.allSettled([
        store.create({ email: "twice@example.com", password: "first-password-1" }),
        store.create({ email: "Twice@example.com", password: "second-password-1" }),
      ]);
      expect(outcomes.map((outcome) => outcome.status).sort()).toEqual(["fulfilled", "rejected"]);
      expect(store.list()).toHaveLength(1);
      await store.close();
    });
  });
});
