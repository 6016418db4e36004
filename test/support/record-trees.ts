import { fc } from "@fast-check/vitest";

/** Keys of records that secret filters judge: secret-looking ones, ordinary ones, the prototype's names, any string. */
export const recordKey = fc.oneof(
  fc.constantFrom(
    "password",
    "passwordEnc",
    "apiKey",
    "api_key",
    "secret",
    "refresh_token",
    "privateKey",
    "credentials",
    "smtpCredential",
    "name",
    "amount",
    "__proto__",
    "constructor",
    "toString",
    "hasOwnProperty",
  ),
  fc.string({ maxLength: 10 }),
);

/** JSON-like values: records (of `recordKey`s) and arrays nested a few levels, scalars at the leaves. */
export const recordTree = fc.letrec((tie) => ({
  node: fc.oneof(
    { depthSize: "small" },
    fc.oneof(fc.string(), fc.integer(), fc.boolean(), fc.constant(null)),
    fc.array(tie("node"), { maxLength: 3 }),
    fc.dictionary(recordKey, tie("node"), { maxKeys: 4 }),
  ),
})).node;
