import type { TenantUser } from "../actions-runtime/types";
import { actionsUser, type StoredUser } from "../store/users";
import type { Tenant } from "../tenant";

/**
 * The user as the Actions see it: the stored profile, and `enrolledFactors` from the tenant's TOTP enrollments (an
 * authenticator app is the `otp` factor), which Actions read to choose between `challengeWith` and `enrollWith`.
 */
export function userForActions(tenant: Tenant, user: StoredUser): TenantUser {
  const enrolled = tenant.stores.totpEnrollments.find(user.user_id) !== undefined;
  return { ...actionsUser(user), enrolledFactors: enrolled ? [{ type: "otp" }] : [] };
}
