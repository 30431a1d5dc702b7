/**
 * The product API, as the sync registers it on the tenant, the business-data Action asks a token for, and the app
 * verifies in `aud`. One constant, not an option: the app's audience and the tenant's API cannot drift apart.
 */
export const PRODUCT_API = {
  identifier: "https://api.product-xyz.example",
  scopes: {
    /** Business data, for the business-data Action's machine client (`GET /api/users/{email}`). */
    readUsers: "read:users",
    /** The consent ledger (`GET /api/consents`), for auditors' clients. */
    readConsents: "read:consents",
  },
  /** A person with this role may read the ledger without the scope. */
  auditorRole: "consent-auditor",
} as const;
