/** Every Management API scope the local tenant checks; its management client is granted all of them. */
export const MANAGEMENT_SCOPES = [
  "read:actions",
  "create:actions",
  "update:actions",
  "delete:actions",
  "read:clients",
  "read:client_keys",
  "create:clients",
  "update:clients",
  "delete:clients",
  "read:resource_servers",
  "create:resource_servers",
  "update:resource_servers",
  "read:client_grants",
  "create:client_grants",
  "update:client_grants",
  "delete:client_grants",
  "read:users",
  "create:users",
  "update:users",
  "update:users_app_metadata",
  "delete:users",
] as const;

export type ManagementScope = (typeof MANAGEMENT_SCOPES)[number];
