/**
 * The one test of "this key names a secret", at any depth of a record: the audit log masks such a
 * key's value (src/services/audit/record.ts `redact`) and the realtime hub drops the key
 * (durable-objects/tenant-hub/visibility.ts `stripSecrets`). One pattern, so what one hides the
 * other hides too.
 */
export const SECRET_KEY = /pass(word)?|secret|token|_enc$|Enc$|private|api_?key|credential/i;

export function isSecretKey(key: string): boolean {
  return SECRET_KEY.test(key);
}
