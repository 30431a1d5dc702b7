import { ActionsRuntimeError } from "./errors";

export type Warn = (message: string) => void;

/** A method the local tenant accepts but does not act on: it says so in the Action's log and returns `result`. */
export function ignored(warn: Warn, path: string, result?: unknown): () => unknown {
  return () => {
    warn(`${path}() is not emulated by the local tenant; the call was ignored.`);
    return result;
  };
}

const EXPIRY_AND_METADATA = ["revoke", "setExpiresAt", "setIdleExpiresAt", "setMetadata", "deleteMetadata", "evictMetadata"];
const SESSION_METHODS = [...EXPIRY_AND_METADATA, "setCookieMode"];
const REFRESH_TOKEN_METHODS = EXPIRY_AND_METADATA;
const SAML_SETTERS = [
  "setAttribute", "setAudience", "setRecipient", "setCreateUpnClaim", "setPassthroughClaimsWithNoMapping",
  "setMapUnknownClaimsAsIs", "setMapIdentities", "setSignatureAlgorithm", "setDigestAlgorithm", "setDestination",
  "setLifetimeInSeconds", "setSignResponse", "setNameIdentifierFormat", "setNameIdentifierProbes",
  "setAuthnContextClassRef", "setSigningCert", "setIncludeAttributeNameFormat", "setTypedAttributes",
  "setEncryptionCert", "setEncryptionPublicKey", "setCert", "setKey", "setRelayState", "setIssuer",
  "setEncryptionAlgorithm",
];

const methods = (warn: Warn, prefix: string, names: string[], result?: unknown) =>
  Object.fromEntries(names.map((name) => [name, ignored(warn, `${prefix}.${name}`, result)]));

/**
 * The parts of `api` with no local counterpart (no sessions API, refresh-token metadata, SAML, Forms or Rules).
 * They exist so Action code calling them runs; the SAML setters stay chainable, like Auth0's.
 */
export function createUnemulatedApis(warn: Warn, api: object) {
  return {
    session: methods(warn, "api.session", SESSION_METHODS),
    refreshToken: methods(warn, "api.refreshToken", REFRESH_TOKEN_METHODS),
    samlResponse: methods(warn, "api.samlResponse", SAML_SETTERS, api),
    prompt: { render: ignored(warn, "api.prompt.render") },
    rules: { wasExecuted: (_ruleId: unknown) => false },
    validation: {
      // Letting the login through would be the opposite of what the Action asked for, so it fails instead.
      error(errorCode: unknown, errorMessage: unknown): never {
        throw new ActionsRuntimeError(
          "ERR_ACTION_API_NOT_EMULATED",
          `api.validation.error(${JSON.stringify(errorCode)}, ${JSON.stringify(errorMessage)}) is not emulated by the local tenant; the login fails instead.`,
        );
      },
    },
  };
}
