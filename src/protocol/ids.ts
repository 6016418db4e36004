import { z } from "zod";

/**
 * Identifiers that cross the wire (connector, router, customer, command, batch ids). The cloud uses
 * UUIDs; the protocol only asks for a short token of URL- and comment-safe characters, so the
 * connector can embed a customer id in a RouterOS `comment` and read it back unchanged.
 */
export const IdSchema = z
  .string()
  .min(1)
  .max(128)
  .regex(/^[A-Za-z0-9_-]+$/, "letters, digits, '_' or '-'");
export type Id = z.infer<typeof IdSchema>;

/** Prefix of the `comment` on every RouterOS object we manage: `rtrw:<our id>`. */
export const MANAGED_COMMENT_PREFIX = "rtrw:";

/** The `comment` we put on a managed RouterOS object for our id. */
export function managedComment(id: Id): string {
  return `${MANAGED_COMMENT_PREFIX}${id}`;
}

/** Our id from a RouterOS `comment`, or `undefined` when the object is not one of ours. */
export function parseManagedComment(comment: string | undefined): Id | undefined {
  if (!comment?.startsWith(MANAGED_COMMENT_PREFIX)) return undefined;
  const id = comment.slice(MANAGED_COMMENT_PREFIX.length);
  return IdSchema.safeParse(id).success ? id : undefined;
}

/** Unsigned 64-bit counters (bytes) travel as decimal strings: JSON numbers lose precision past 2^53. */
export const DecimalSchema = z.string().regex(/^(0|[1-9][0-9]{0,19})$/, "a non-negative decimal integer");

/** UTC instant, ISO 8601 (ARCHITECTURE.md "Contracts": time is sent in UTC). */
export const InstantSchema = z.iso.datetime();
