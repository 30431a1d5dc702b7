/** One line per notable event (logins, Actions outcomes, refusals, token errors). Never given a secret. */
export type TenantLog = (line: string) => void;

export const defaultLog: TenantLog = (line) => console.error(`[local-tenant] ${line}`);
