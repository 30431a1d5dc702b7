import { ActionsRuntimeError } from "./errors";
import type { AccumulatedCommands } from "./types";

type TransactionMetadata = AccumulatedCommands["transactionMetadata"];

export const TRANSACTION_METADATA_LIMITS = { keyChars: 64, valueBytes: 8 * 1024, totalBytes: 16 * 1024 } as const;

const invalid = (message: string) =>
  new ActionsRuntimeError("ERR_ACTION_TRANSACTION_METADATA_INVALID", `api.transaction.setMetadata: ${message}`);

function assertValue(key: string, value: unknown): asserts value is string | number | boolean {
  if (typeof value === "string") {
    if (Buffer.byteLength(value, "utf8") > TRANSACTION_METADATA_LIMITS.valueBytes) {
      throw invalid(`the value of "${key}" exceeds ${TRANSACTION_METADATA_LIMITS.valueBytes} bytes.`);
    }
    return;
  }
  if (typeof value === "boolean") return;
  if (typeof value === "number") {
    if (!Number.isFinite(value)) throw invalid(`the value of "${key}" must be a finite number.`);
    if (Number.isInteger(value) && !Number.isSafeInteger(value)) {
      throw invalid(`the value of "${key}" is an integer beyond Number.MAX_SAFE_INTEGER; store it as a string.`);
    }
    return;
  }
  throw invalid(`the value of "${key}" must be a string, number or boolean (or null to remove the key).`);
}

/** `api.transaction.setMetadata`: mutates `metadata`, which the caller mirrors into `event.transaction.metadata`. */
export function setTransactionMetadata(metadata: TransactionMetadata, key: unknown, value: unknown): void {
  if (typeof key !== "string" || key === "") throw invalid("the key must be a non-empty string.");
  if (key.length > TRANSACTION_METADATA_LIMITS.keyChars) {
    throw invalid(`the key "${key}" is longer than ${TRANSACTION_METADATA_LIMITS.keyChars} characters.`);
  }
  if (value === null) {
    delete metadata[key];
    return;
  }
  assertValue(key, value);
  const size = Buffer.byteLength(JSON.stringify({ ...metadata, [key]: value }), "utf8");
  if (size > TRANSACTION_METADATA_LIMITS.totalBytes) {
    const limit = TRANSACTION_METADATA_LIMITS.totalBytes;
    throw invalid(`setting "${key}" would make the transaction metadata ${size} bytes; the limit is ${limit}.`);
  }
  metadata[key] = value;
}
