/**
 * Indonesian mobile numbers to E.164 (`+628…`). Accepted: `08…`, `628…`, `+628…`, with spaces or
 * dashes anywhere; after the leading `8` come 8–11 digits (Indonesian mobile numbers are 10–13
 * digits in the `08…` form). Anything else — landlines, other countries, letters — is refused
 * (null): a subscriber's contact number is the one WhatsApp/SMS reaches. Pure and property-tested.
 */
const NATIONAL_MOBILE = /^(?:\+62|62|0)(8\d{8,11})$/;

export const E164_MOBILE = /^\+628\d{8,11}$/;

export function normalizeIndonesianPhone(input: string): string | null {
  const compact = input.trim().replace(/[\s-]/g, "");
  const match = NATIONAL_MOBILE.exec(compact);
  return match ? `+62${match[1]}` : null;
}

/** The `08…` form people type, for searching: `+62812…` → `0812…`. */
export function localPhoneForm(e164: string): string {
  return e164.startsWith("+62") ? `0${e164.slice(3)}` : e164;
}
