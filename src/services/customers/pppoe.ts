/** PPPoE secret names RouterOS takes without quoting, and what customers can type on a CPE. */
export const PPPOE_USERNAME = /^[A-Za-z0-9._@-]{1,64}$/;

/** Printable ASCII without spaces: what a CPE's PPPoE password field reliably accepts. */
export const PPPOE_PASSWORD = /^[\x21-\x7e]{6,64}$/;

/** Generated usernames are the customer code in lower case: `cust-000123`. */
export const GENERATED_USERNAME = /^cust-\d{6,}$/i;

export function defaultPppoeUsername(customerCode: string): string {
  return customerCode.toLowerCase();
}

/** No 0/O/1/l/I: the password is read off a screen and typed into a modem. */
const ALPHABET = "abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";

/** 12 characters from a 56-letter alphabet (~70 bits), unbiased (rejection sampling). */
export function generatePppoePassword(length = 12): string {
  const out: string[] = [];
  const limit = 256 - (256 % ALPHABET.length);
  while (out.length < length) {
    for (const byte of crypto.getRandomValues(new Uint8Array(length * 2))) {
      if (byte < limit && out.length < length) out.push(ALPHABET[byte % ALPHABET.length] as string);
    }
  }
  return out.join("");
}
