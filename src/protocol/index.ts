/** The connector ⇄ gateway protocol: message schemas, ops, the codec and the token format. */
export * from "./auth.ts";
export * from "./codec.ts";
export * from "./ids.ts";
export * from "./messages.ts";
export * from "./ops.ts";
export * from "./smtp.ts";
