import { DurableObject } from "cloudflare:workers";
import { ROLES } from "../src/services/context";
import { type Attachment, parseClientMessage, readIdentity, roleTag, userTag } from "./tenant-hub/connections";
import { encodeControl, encodeEvent, type HubEventInput } from "./tenant-hub/events";
import { parseSince, planReplay } from "./tenant-hub/replay";
import { attachmentOf, closeQuietly, SESSION_REVOKED, send, stillAuthorized } from "./tenant-hub/sockets";
import { ReplayStore } from "./tenant-hub/store";
import { applySubscription, isHighVolume, wantsEvent } from "./tenant-hub/topics";
import { mayRead, stripSecrets } from "./tenant-hub/visibility";

/** Heartbeat: a client sends the text `ping` and the runtime answers `pong` without waking the hub. */
export const HEARTBEAT = { request: "ping", response: "pong" } as const;

export interface DeliveryResult {
  /** Sockets reached, summed over the events. */
  delivered: number;
  duplicates: number;
  refused: number;
}

export interface HubStats {
  connections: number;
  /** Topics subscribed, summed over the open sockets. */
  subscriptions: number;
  bufferedEvents: number;
  lastEventId: number;
}

/**
 * One per tenant (`idFromName(tenantId)`): the tenant's dashboard sockets, on the WebSocket
 * Hibernation API, so an idle room costs nothing and identity survives eviction in each socket's
 * attachment. Who-sees-what, topics and the replay window are pure modules in `tenant-hub/`.
 */
export class TenantHub extends DurableObject {
  private readonly store: ReplayStore;
  /**
   * The hub's clock (epoch ms), read for token expiry and the replay window. Tests move it forward
   * on the instance (`runInDurableObject`) instead of waiting for real time to pass.
   */
  now: () => number = () => Date.now();

  constructor(ctx: DurableObjectState, env: Cloudflare.Env) {
    super(ctx, env);
    this.store = new ReplayStore(ctx.storage.sql);
    ctx.setWebSocketAutoResponse(new WebSocketRequestResponsePair(HEARTBEAT.request, HEARTBEAT.response));
  }

  /** Accepts a socket for the identity the Worker verified (see HUB_HEADERS), then replays `?since=`. */
  override async fetch(request: Request): Promise<Response> {
    if (request.headers.get("upgrade")?.toLowerCase() !== "websocket") {
      return new Response("Expected a WebSocket upgrade", { status: 426 });
    }
    const who = readIdentity(request.headers);
    if (!who) return new Response("Missing or invalid identity headers", { status: 400 });
    if (this.ctx.id.name !== undefined && who.tenantId !== this.ctx.id.name) {
      return new Response("This hub belongs to another tenant", { status: 403 });
    }
    const [client, server] = Object.values(new WebSocketPair()) as [WebSocket, WebSocket];
    const attachment: Attachment = {
      userId: who.userId,
      role: who.role,
      subscriptions: [],
      connectedAt: this.now(),
      expiresAt: who.expiresAt,
    };
    this.ctx.acceptWebSocket(server, [userTag(who.userId), roleTag(who.role)]);
    server.serializeAttachment(attachment);
    const latest = this.store.latestSeq;
    send(server, encodeControl(latest, "connected", { userId: who.userId, role: who.role, lastEventId: latest }));
    const rawSince = new URL(request.url).searchParams.get("since");
    if (rawSince !== null) this.replay(server, attachment, parseSince(rawSince) ?? -1);
    return new Response(null, { status: 101, webSocket: client });
  }

  /**
   * Delivers events to every socket whose role may see them (high-volume ones: to subscribers
   * only). Counts, rather than throws, what it skipped: redeliveries still in the window
   * (`duplicates`) and events of another tenant (`refused`, a caller's bug: never delivered).
   */
  async broadcast(events: HubEventInput | HubEventInput[]): Promise<DeliveryResult> {
    const result: DeliveryResult = { delivered: 0, duplicates: 0, refused: 0 };
    for (const e of Array.isArray(events) ? events : [events]) count(result, this.publish(e, null));
    await this.trim();
    return result;
  }

  /** Delivers an event to one user's sockets only (job progress, a notification meant for them). */
  async sendToUser(userId: string, event: HubEventInput): Promise<DeliveryResult> {
    const result: DeliveryResult = { delivered: 0, duplicates: 0, refused: 0 };
    count(result, this.publish(event, userId));
    await this.trim();
    return result;
  }

  /**
   * Closes every socket of one user (tag `user:<id>`) with 4001: the identity kept in their
   * attachments (role, active account, password generation) is stale. Returns how many were open.
   */
  closeUser(userId: string, reason: string = SESSION_REVOKED.reason): number {
    return closeAll(this.ctx.getWebSockets(userTag(userId)), reason);
  }

  /** Closes every socket of the tenant with 4001 (the tenant was deactivated or deleted). */
  closeAllSockets(reason: string = SESSION_REVOKED.reason): number {
    return closeAll(this.ctx.getWebSockets(), reason);
  }

  connectionCount(): number {
    return this.ctx.getWebSockets().length;
  }

  stats(): HubStats {
    const sockets = this.ctx.getWebSockets();
    const subscriptions = sockets.reduce((n, ws) => n + (attachmentOf(ws)?.subscriptions.length ?? 0), 0);
    return {
      connections: sockets.length,
      subscriptions,
      bufferedEvents: this.store.count(),
      lastEventId: this.store.latestSeq,
    };
  }

  override async webSocketMessage(ws: WebSocket, raw: string | ArrayBuffer): Promise<void> {
    const attachment = attachmentOf(ws);
    if (!stillAuthorized(ws, attachment, this.now())) return;
    const msg = parseClientMessage(raw);
    const seq = this.store.latestSeq;
    if ("error" in msg) {
      send(ws, encodeControl(seq, "error", { message: msg.error }));
      return;
    }
    const { subscriptions, rejected } = applySubscription(attachment.subscriptions, msg);
    ws.serializeAttachment({ ...attachment, subscriptions } satisfies Attachment);
    send(ws, encodeControl(seq, "subscribed", { topics: subscriptions, rejected }));
  }

  /** The runtime frees the socket and its attachment; reciprocating the close completes the handshake. */
  override async webSocketClose(ws: WebSocket, code: number, reason: string): Promise<void> {
    closeQuietly(ws, code, reason);
  }

  override async webSocketError(ws: WebSocket): Promise<void> {
    closeQuietly(ws, 1011, "socket error");
  }

  /** Empties the replay buffer of a quiet tenant once its window has passed. */
  override async alarm(): Promise<void> {
    await this.trim();
  }

  /** The number of sockets reached, or why the event was skipped. */
  private publish(e: HubEventInput, userId: string | null): number | "duplicate" | "refused" {
    const own = this.ctx.id.name;
    if (own !== undefined && e.tenantId !== own) {
      console.warn(JSON.stringify({ level: "warn", msg: "hub refused an event of another tenant", type: e.type }));
      return "refused";
    }
    const data = stripSecrets(e.data);
    const live = isHighVolume(e);
    let message: string;
    if (live) {
      message = encodeEvent(this.store.latestSeq, e, data);
    } else {
      const dedupeKey = e.id === undefined ? null : userId ? `${e.id}@${userId}` : String(e.id);
      if (dedupeKey && this.store.has(dedupeKey)) return "duplicate";
      ({ message } = this.store.append({ dedupeKey, entityType: e.entityType, userId, now: this.now() }, (seq) =>
        encodeEvent(seq, e, data),
      ));
    }
    const sockets = userId
      ? this.ctx.getWebSockets(userTag(userId))
      : ROLES.filter((r) => mayRead(r, e.entityType)).flatMap((r) => this.ctx.getWebSockets(roleTag(r)));
    let delivered = 0;
    const now = this.now();
    for (const ws of sockets) {
      const who = attachmentOf(ws);
      if (!stillAuthorized(ws, who, now)) continue;
      if (live && !userId && !wantsEvent(who.subscriptions, e)) continue;
      if (send(ws, message)) delivered += 1;
    }
    return delivered;
  }

  private replay(ws: WebSocket, who: Attachment, since: number): void {
    const plan = planReplay(since, this.store.state());
    const latest = this.store.latestSeq;
    if (plan.kind === "gap") {
      send(ws, encodeControl(latest, "replay_gap", { since, oldestAvailable: plan.oldestAvailable, latest }));
      return;
    }
    if (plan.kind === "current") return;
    for (const row of this.store.after(plan.after)) {
      const visible = row.user_id ? row.user_id === who.userId : mayRead(who.role, row.entity_type);
      if (visible) send(ws, row.message);
    }
  }

  private async trim(): Promise<void> {
    const nextExpiry = this.store.trim(this.now());
    if (nextExpiry === null) return;
    const alarm = await this.ctx.storage.getAlarm();
    if (alarm === null || alarm > nextExpiry) await this.ctx.storage.setAlarm(nextExpiry);
  }
}

function closeAll(sockets: WebSocket[], reason: string): number {
  for (const ws of sockets) closeQuietly(ws, SESSION_REVOKED.code, reason.slice(0, 120));
  return sockets.length;
}

function count(result: DeliveryResult, outcome: number | "duplicate" | "refused"): void {
  if (outcome === "duplicate") result.duplicates += 1;
  else if (outcome === "refused") result.refused += 1;
  else result.delivered += outcome;
}
