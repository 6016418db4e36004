import { type Attachment, AttachmentSchema } from "./connections";

/** Close code for a socket whose access token expired: the client reconnects with a fresh token. */
export const TOKEN_EXPIRED = { code: 4001, reason: "access token expired" } as const;

/**
 * Close code for a socket whose session was ended server-side (user deactivated, role changed,
 * password changed, tenant deactivated or deleted). The same code as an expired token, since the
 * client does the same thing: reconnect with a fresh token, which fails if the access is gone.
 */
export const SESSION_REVOKED = { code: 4001, reason: "session revoked" } as const;

export function attachmentOf(ws: WebSocket): Attachment | undefined {
  const parsed = AttachmentSchema.safeParse(ws.deserializeAttachment());
  return parsed.success ? parsed.data : undefined;
}

/**
 * Whether the socket may still receive events. A socket lives no longer than the token it was
 * opened with (the user and role are checked at connect time only, so this bounds how long a
 * deactivated user or a changed role can keep listening); an expired one is closed here.
 */
export function stillAuthorized(ws: WebSocket, who: Attachment | undefined, now: number): who is Attachment {
  if (who && who.expiresAt > now) return true;
  closeQuietly(ws, TOKEN_EXPIRED.code, who ? TOKEN_EXPIRED.reason : "lost connection state");
  return false;
}

export function send(ws: WebSocket, message: string): boolean {
  try {
    ws.send(message);
    return true;
  } catch {
    return false; // closing or closed: its close event frees it
  }
}

/** 1005/1006/1015 may be received but not sent. */
export function closeQuietly(ws: WebSocket, code: number, reason: string): void {
  try {
    ws.close([1005, 1006, 1015].includes(code) ? 1000 : code, reason);
  } catch {
    // already closed (the runtime auto-replies to close frames on recent compatibility dates)
  }
}
