import { z } from "zod";
import { Collection } from "./collection";

const enrollmentSchema = z.object({
  user_id: z.string(),
  /** Base32 (RFC 4648). Readable by whoever reads `dataDir`, like the signing key: a local tenant's data. */
  secret: z.string(),
  created_at: z.string(),
  /** The last time step whose code was accepted: a code is good once (RFC 6238 §5.2). */
  last_used_step: z.number().int(),
});

export type TotpEnrollment = z.infer<typeof enrollmentSchema>;

/** `${dataDir}/totp-enrollments.json`: one authenticator app per user, enrolled at the first MFA challenge. */
export class TotpEnrollmentStore {
  private constructor(
    private readonly enrollments: Collection<TotpEnrollment>,
    private readonly now: () => number,
  ) {}

  static async open(dataDir: string, now: () => number): Promise<TotpEnrollmentStore> {
    return new TotpEnrollmentStore(await Collection.open(dataDir, "totp-enrollments", enrollmentSchema, "user_id"), now);
  }

  find(userId: string): TotpEnrollment | undefined {
    return this.enrollments.get(userId);
  }

  /** The user's first authenticator, confirmed by a code of time step `step`. */
  async enroll(userId: string, secret: string, step: number): Promise<void> {
    const enrollment = { user_id: userId, secret, created_at: new Date(this.now()).toISOString(), last_used_step: step };
    if (!(await this.enrollments.replace(userId, enrollment))) await this.enrollments.insert(enrollment);
  }

  async recordUse(userId: string, step: number): Promise<void> {
    const enrollment = this.enrollments.get(userId);
    if (enrollment) await this.enrollments.replace(userId, { ...enrollment, last_used_step: step });
  }

  async remove(userId: string): Promise<void> {
    await this.enrollments.remove(userId);
  }
}
