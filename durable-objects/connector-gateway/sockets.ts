import { z } from "zod";

/** Headers the Worker sets on the upgrade it forwards, after it checked the connector's token. */
export const GATEWAY_HEADERS = {
  connectorId: "x-gateway-connector-id",
  tenantId: "x-gateway-tenant-id",
  /** Present once, on the connect that consumed an enrollment token: the secret to hand over. */
  enrolledSecret: "x-gateway-enrolled-secret",
} as const;

/** What a socket carries across hibernation. */
export const AttachmentSchema = z.object({
  connectedAt: z.number(),
  /** Epoch ms of the last frame that woke us (heartbeats answered by the runtime do not). */
  lastMessageAt: z.number(),
  helloSeen: z.boolean(),
  /** Hash of the last `config` sent on this socket: sent again only when the router list changed. */
  configHash: z.string().nullable(),
});
export type Attachment = z.infer<typeof AttachmentSchema>;

export function attachmentOf(ws: WebSocket): Attachment | undefined {
  const parsed = AttachmentSchema.safeParse(ws.deserializeAttachment());
  return parsed.success ? parsed.data : undefined;
}

export function send(ws: WebSocket, text: string): boolean {
  try {
    ws.send(text);
    return true;
  } catch {
    return false; // closing or closed: its close event cleans up
  }
}

/** 1005/1006/1015 may be received but never sent. */
export function closeQuietly(ws: WebSocket, code: number, reason: string): void {
  try {
    ws.close([1005, 1006, 1015].includes(code) ? 1000 : code, reason.slice(0, 120));
  } catch {
    // already closed
  }
}

export async function hashText(text: string): Promise<string> {
  const digest = await crypto.subtle.digest("SHA-256", new TextEncoder().encode(text));
  return btoa(String.fromCharCode(...new Uint8Array(digest)));
}
