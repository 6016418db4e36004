import { z } from "zod";
import { ROLES, type Role } from "../../src/services/context";
import { MAX_TOPICS, TopicSchema } from "./topics";

/**
 * Who is on the other end of a socket. Kept with `serializeAttachment`, so it survives hibernation
 * (the object may be evicted between two messages; the socket and its attachment stay) and is freed
 * by the runtime together with the socket: the hub stores nothing else per connection.
 */
export interface Attachment {
  userId: string;
  role: Role;
  subscriptions: string[];
  /** Epoch milliseconds. */
  connectedAt: number;
  /** Epoch milliseconds: the access token's expiry. No event reaches the socket after it. */
  expiresAt: number;
}

export const AttachmentSchema = z.object({
  userId: z.string(),
  role: z.enum(ROLES),
  subscriptions: z.array(z.string()),
  connectedAt: z.number(),
  expiresAt: z.number(),
});

/** Socket tags, for `getWebSockets(tag)`: one user's sockets, one role's sockets. */
export const userTag = (userId: string) => `user:${userId}`;
export const roleTag = (role: Role) => `role:${role}`;

/**
 * Headers with which the Worker tells the hub who connects. The hub trusts them because only the
 * Worker holds the `TENANT_HUB` binding (no public route reaches a Durable Object directly), and the
 * Worker sets them only after verifying the access token.
 */
export const HUB_HEADERS = {
  tenant: "x-hub-tenant-id",
  user: "x-hub-user-id",
  role: "x-hub-role",
  expiresAt: "x-hub-expires-at",
} as const;

const IdentitySchema = z.object({
  tenantId: z.string().min(1).max(64),
  userId: z.string().min(1).max(64),
  role: z.enum(ROLES),
  expiresAt: z.coerce.number().int().positive(),
});
export type Identity = z.infer<typeof IdentitySchema>;

export function identityHeaders(id: Identity): Record<string, string> {
  return {
    [HUB_HEADERS.tenant]: id.tenantId,
    [HUB_HEADERS.user]: id.userId,
    [HUB_HEADERS.role]: id.role,
    [HUB_HEADERS.expiresAt]: String(id.expiresAt),
  };
}

export function readIdentity(headers: Headers): Identity | undefined {
  const parsed = IdentitySchema.safeParse({
    tenantId: headers.get(HUB_HEADERS.tenant),
    userId: headers.get(HUB_HEADERS.user),
    role: headers.get(HUB_HEADERS.role),
    expiresAt: headers.get(HUB_HEADERS.expiresAt),
  });
  return parsed.success ? parsed.data : undefined;
}

/** What a client may send (besides the literal `ping`, answered by the runtime without waking the hub). */
export const ClientMessageSchema = z.discriminatedUnion("type", [
  z.object({ type: z.literal("subscribe"), topics: z.array(TopicSchema).min(1).max(MAX_TOPICS) }).strict(),
  z.object({ type: z.literal("unsubscribe"), topics: z.array(TopicSchema).min(1).max(MAX_TOPICS) }).strict(),
]);
export type ClientMessage = z.infer<typeof ClientMessageSchema>;

/** Client messages are tiny; anything larger is refused before parsing. */
export const MAX_CLIENT_MESSAGE_BYTES = 4096;

export function parseClientMessage(raw: string | ArrayBuffer): ClientMessage | { error: string } {
  if (typeof raw !== "string") return { error: "binary messages are not supported" };
  if (raw.length > MAX_CLIENT_MESSAGE_BYTES) return { error: "message too large" };
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch {
    return { error: "message is not JSON" };
  }
  const parsed = ClientMessageSchema.safeParse(json);
  if (!parsed.success) return { error: parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ") };
  return parsed.data;
}
