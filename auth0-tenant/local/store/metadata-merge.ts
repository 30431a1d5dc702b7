/**
 * Auth0's metadata merge (Management API PATCH and Actions' `setAppMetadata`): first level only, a `null` value
 * deletes its key, nested objects are replaced wholesale. The Management API's extra rule (`{}` clears everything)
 * lives with the Management API, because an Action's empty patch means "no change".
 */
export function mergeMetadata(
  current: Record<string, unknown>,
  patch: Record<string, unknown>,
): Record<string, unknown> {
  const merged: Record<string, unknown> = { ...current };
  for (const [key, value] of Object.entries(patch)) {
    if (value === null) delete merged[key];
    else merged[key] = value;
  }
  return merged;
}
