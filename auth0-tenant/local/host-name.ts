/** A DNS name of letters, digits and hyphens, with at least one dot: no port, path or address. Lower case only. */
export function isHostName(value: string): boolean {
  return /^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]([a-z0-9-]{0,61}[a-z0-9])?$/.test(value);
}
