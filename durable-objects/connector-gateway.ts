import { DurableObject } from "cloudflare:workers";
import {
  CLOSE_CODES,
  type ConnectorMessage,
  encodeMessage,
  HEARTBEAT_TEXT,
  type Op,
  parseConnectorMessage,
} from "../src/protocol";
import { connectorLoad } from "../src/services/connectors/load";
import { markConnectorOffline, markConnectorSeen } from "../src/services/connectors/presence";
import { GatewayBackend } from "./connector-gateway/backend";
import { ConnectorBudget, refusal, type Verdict } from "./connector-gateway/budget";
import { ingestBatch, observeDevices, observeHealth, observeHello, sendConfig } from "./connector-gateway/inbound";
import { planSends } from "./connector-gateway/lanes";
import { Outbox } from "./connector-gateway/outbox";
import { commandMessage, OFFLINE_GRACE_MS, type Presence, SEEN_EVERY_MS } from "./connector-gateway/presence";
import { PendingRequests } from "./connector-gateway/requests";
import { handleResult } from "./connector-gateway/results";
import { attachmentOf, closeQuietly, GATEWAY_HEADERS, send } from "./connector-gateway/sockets";
import type { GatewayStatus, NewCommand, RequestOutcome } from "./connector-gateway/types";

/**
 * One per connector (`idFromName(connectorId)`): holds its one WebSocket (Hibernation API; the
 * heartbeat text is answered by the runtime without waking us), the durable command outbox, and
 * turns what the connector reports (results, samples, health) into Postgres writes. The Worker
 * checked the connector's credentials before forwarding the upgrade here.
 */
export class ConnectorGateway extends DurableObject<Cloudflare.Env> {
  private readonly outbox: Outbox;
  private readonly requests = new PendingRequests();
  /**
   * Probe rounds are applied one after the other in arrival order: each awaits Postgres, and a
   * later round overtaking an earlier one would leave the older reading as the device's status.
   */
  private deviceRounds: Promise<void> = Promise.resolve();
  private backendInstance: GatewayBackend | undefined;
  private readonly budget: ConnectorBudget;
  /** Refusal codes logged within the last minute: a flooding connector makes one log line a minute, not thousands. */
  private readonly refusalsLogged = new Map<string, number>();

  constructor(ctx: DurableObjectState, env: Cloudflare.Env) {
    super(ctx, env);
    this.outbox = new Outbox(ctx.storage.sql);
    this.budget = new ConnectorBudget({
      get: () => this.outbox.getMeta("budget"),
      set: (value) => this.outbox.setMeta("budget", value),
    });
    ctx.setWebSocketAutoResponse(new WebSocketRequestResponsePair(HEARTBEAT_TEXT, HEARTBEAT_TEXT));
  }

  private get backend(): GatewayBackend {
    this.backendInstance ??= new GatewayBackend(this.env, { do: "ConnectorGateway", connectorId: this.connectorId });
    return this.backendInstance;
  }

  private get connectorId(): string {
    return this.ctx.id.name ?? this.outbox.getMeta("connectorId") ?? "unknown";
  }

  private get tenantId(): string | null {
    return this.outbox.getMeta("tenantId");
  }

  private presence(): Presence {
    return { ctx: this.ctx, outbox: this.outbox, backend: this.backend, connectorId: this.connectorId };
  }

  /** The live socket, if any (a replaced one may still be closing). */
  private socket(): WebSocket | undefined {
    return this.ctx.getWebSockets().find((ws) => ws.readyState === WebSocket.OPEN);
  }

  override async fetch(request: Request): Promise<Response> {
    if (request.headers.get("upgrade")?.toLowerCase() !== "websocket") {
      return new Response("Expected a WebSocket upgrade", { status: 426 });
    }
    const connectorId = request.headers.get(GATEWAY_HEADERS.connectorId);
    const tenantId = request.headers.get(GATEWAY_HEADERS.tenantId);
    if (!connectorId || !tenantId) return new Response("Missing gateway headers", { status: 400 });
    if (this.ctx.id.name !== undefined && this.ctx.id.name !== connectorId) {
      return new Response("This gateway belongs to another connector", { status: 403 });
    }
    const known = this.tenantId;
    if (known !== null && known !== tenantId) return new Response("Tenant mismatch", { status: 403 });
    this.outbox.setMeta("tenantId", tenantId);
    this.outbox.setMeta("connectorId", connectorId);

    for (const old of this.ctx.getWebSockets())
      closeQuietly(old, CLOSE_CODES.replaced, "replaced by a newer connection");
    this.requests.settleAll({ kind: "offline" });
    const [client, server] = Object.values(new WebSocketPair()) as [WebSocket, WebSocket];
    this.ctx.acceptWebSocket(server);
    const now = Date.now();
    server.serializeAttachment({ connectedAt: now, lastMessageAt: now, helloSeen: false, configHash: null });
    this.outbox.setMeta("disconnectedAt", "");
    const secret = request.headers.get(GATEWAY_HEADERS.enrolledSecret);
    if (secret) send(server, encodeMessage({ type: "enrolled", connectorId, secret }));
    await this.ctx.storage.setAlarm(now + SEEN_EVERY_MS);
    return new Response(null, { status: 101, webSocket: client });
  }

  override async webSocketMessage(ws: WebSocket, raw: string | ArrayBuffer): Promise<void> {
    if (raw === HEARTBEAT_TEXT) return;
    const parsed = parseConnectorMessage(raw);
    if (!parsed.ok) {
      this.backend.log.warn("connector sent a frame that is not a protocol message", { error: parsed.error.message });
      return closeQuietly(ws, CLOSE_CODES.protocolError, parsed.error.code);
    }
    const attachment = attachmentOf(ws);
    if (attachment) ws.serializeAttachment({ ...attachment, lastMessageAt: Date.now() });
    const msg = parsed.message;
    if (!this.awaited(msg)) {
      const verdict = this.budget.frame();
      if (!verdict.ok) return this.refuse(ws, msg, verdict);
    }
    try {
      await this.onMessage(ws, msg);
    } catch (err) {
      this.backend.log.error("handling a connector message failed", { type: parsed.message.type, err });
    }
  }

  private async onMessage(ws: WebSocket, msg: ConnectorMessage): Promise<void> {
    const tenantId = this.tenantId;
    if (!tenantId) return closeQuietly(ws, CLOSE_CODES.protocolError, "no tenant");
    switch (msg.type) {
      case "hello": {
        if (msg.connectorId !== this.connectorId)
          return closeQuietly(ws, CLOSE_CODES.protocolError, "wrong connector id");
        const verdict = this.budget.hello();
        if (!verdict.ok) return this.refuse(ws, msg, verdict);
        const first = !attachmentOf(ws)?.helloSeen;
        await this.refreshLoad(tenantId);
        await observeHello(this.presence(), tenantId, msg);
        await sendConfig(this.presence(), tenantId, ws);
        if (first) {
          const a = attachmentOf(ws);
          if (a) ws.serializeAttachment({ ...a, helloSeen: true });
          this.outbox.clearInFlight();
        }
        return this.pump();
      }
      case "result":
        if (this.requests.settle(msg)) return;
        await handleResult(this.presence(), tenantId, msg);
        return this.pump();
      case "samples": {
        await this.refreshLoad(tenantId);
        const verdict = this.budget.samples(msg, {
          rawDays: this.backend.config.MONITORING_RAW_RETENTION_DAYS,
          floor: this.backend.config.CONNECTOR_MIN_SAMPLES_PER_MINUTE,
        });
        if (!verdict.ok) return this.refuse(ws, msg, verdict);
        return ingestBatch(this.presence(), tenantId, msg, {
          ack: () => send(ws, encodeMessage({ type: "ack", batchId: msg.batchId })),
          refuse: (refused) => send(ws, encodeMessage(refused)),
        });
      }
      case "health":
        return observeHealth(this.presence(), tenantId, msg);
      case "devices": {
        const applied = this.deviceRounds.then(() => observeDevices(this.presence(), tenantId, msg));
        this.deviceRounds = applied.catch(() => {});
        return applied;
      }
      case "heartbeat":
        return;
    }
  }

  /** A result the gateway is waiting for (a request or an outbox command): it answers our own command. */
  private awaited(msg: ConnectorMessage): boolean {
    return msg.type === "result" && (this.requests.has(msg.commandId) || this.outbox.get(msg.commandId) !== undefined);
  }

  /** The connector's routers and customers, counted again when the count is older than a few minutes. */
  private async refreshLoad(tenantId: string): Promise<void> {
    if (!this.budget.loadStale()) return;
    const load = await this.backend.run(tenantId, "connector-gateway", (ctx) => connectorLoad(ctx, this.connectorId));
    if (load) this.budget.setLoad(load);
  }

  /** Tells the connector a frame was not taken (nothing of it stored or acted on). */
  private refuse(ws: WebSocket, msg: ConnectorMessage, verdict: Exclude<Verdict, { ok: true }>): void {
    const refused = refusal({ type: msg.type, ...(msg.type === "samples" ? { batchId: msg.batchId } : {}) }, verdict);
    send(ws, encodeMessage(refused));
    const now = Date.now();
    if (now - (this.refusalsLogged.get(refused.code) ?? 0) < 60_000) return;
    this.refusalsLogged.set(refused.code, now);
    this.backend.log.warn("refused a connector frame", {
      code: refused.code,
      frame: refused.frame,
      batchId: refused.batchId,
      message: refused.message,
    });
  }

  override async webSocketClose(ws: WebSocket, code: number, reason: string): Promise<void> {
    closeQuietly(ws, code, reason);
    await this.onSocketGone(ws);
  }

  override async webSocketError(ws: WebSocket): Promise<void> {
    closeQuietly(ws, 1011, "socket error");
    await this.onSocketGone(ws);
  }

  private async onSocketGone(ws: WebSocket): Promise<void> {
    if (this.ctx.getWebSockets().some((s) => s !== ws && s.readyState === WebSocket.OPEN)) return;
    this.requests.settleAll({ kind: "offline" });
    this.outbox.setMeta("disconnectedAt", String(Date.now()));
    await this.ctx.storage.setAlarm(Date.now() + OFFLINE_GRACE_MS);
  }

  /**
   * Due work: while connected, refresh `last_seen` (heartbeats do not wake us; the runtime keeps
   * their time) and send what backoff held back; once disconnected past the grace period, mark the
   * connector offline (Property 40).
   */
  override async alarm(): Promise<void> {
    const tenantId = this.tenantId;
    if (!tenantId) return;
    const now = Date.now();
    const ws = this.socket();
    if (ws) {
      const a = attachmentOf(ws);
      const auto = this.ctx.getWebSocketAutoResponseTimestamp(ws)?.getTime() ?? 0;
      const seen = new Date(Math.max(a?.lastMessageAt ?? 0, auto));
      await this.backend.run(tenantId, "connector-gateway", (ctx) => markConnectorSeen(ctx, this.connectorId, seen));
      await this.pump();
      return;
    }
    const since = Number(this.outbox.getMeta("disconnectedAt") || 0);
    if (since && now >= since + OFFLINE_GRACE_MS) {
      this.outbox.setMeta("disconnectedAt", "");
      await this.backend.run(tenantId, "connector-gateway", (ctx) =>
        markConnectorOffline(ctx, this.connectorId, new Date(since)),
      );
    } else if (since) {
      await this.ctx.storage.setAlarm(since + OFFLINE_GRACE_MS);
    }
  }

  /** Sends the head of every lane that may go now, and sets the alarm for the next due moment. */
  private async pump(): Promise<void> {
    const ws = this.socket();
    if (!ws) return;
    const now = Date.now();
    const plan = planSends(this.outbox.all(), this.outbox.lanes(), now);
    const tenantId = this.tenantId;
    for (const cmd of plan.expired) {
      if (tenantId) await handleResult(this.presence(), tenantId, expiredResult(cmd.id));
    }
    for (const cmd of plan.send) {
      if (send(ws, encodeMessage(commandMessage(cmd)))) this.outbox.markSent(cmd.id, now);
    }
    const next = Math.min(plan.wakeAt ?? Number.POSITIVE_INFINITY, now + SEEN_EVERY_MS);
    const current = await this.ctx.storage.getAlarm();
    if (current === null || current > next || current <= now) await this.ctx.storage.setAlarm(next);
  }

  // ------------------------------------------------------------------ RPC

  async enqueue(batch: { tenantId: string; commands: NewCommand[] }) {
    const known = this.tenantId;
    if (known !== null && known !== batch.tenantId) throw new Error("this connector belongs to another tenant");
    this.outbox.setMeta("tenantId", batch.tenantId);
    const counts = this.outbox.enqueue(batch.commands, Date.now());
    await this.pump();
    return { ...counts, connected: this.socket() !== undefined };
  }

  /**
   * A synchronous op; `routerId` null for the connector's own ops (`sendMail`). `commandId` lets a
   * caller that retries (the email consumer: the notification id) reuse one id, so the connector
   * answers a repeat from its remembered result instead of running it again.
   */
  async request(routerId: string | null, op: Op, timeoutMs = 10_000, commandId?: string): Promise<RequestOutcome> {
    const ws = this.socket();
    if (!ws) return { kind: "offline" };
    const id = commandId ?? crypto.randomUUID();
    const deadline = new Date(Date.now() + timeoutMs).toISOString();
    const waiting = this.requests.wait(id, timeoutMs);
    const target = routerId === null ? {} : { routerId };
    if (!send(ws, encodeMessage({ type: "command", id, ...target, idempotencyKey: id, deadline, ...op }))) {
      this.requests.settleAll({ kind: "offline" });
    }
    return waiting;
  }

  async refreshConfig(): Promise<void> {
    const ws = this.socket();
    const tenantId = this.tenantId;
    if (ws && tenantId) await sendConfig(this.presence(), tenantId, ws);
  }

  async disconnect(code: number, reason: string): Promise<void> {
    for (const ws of this.ctx.getWebSockets()) closeQuietly(ws, code, reason);
    this.requests.settleAll({ kind: "offline" });
  }

  /**
   * `disconnect`, then the outbox and everything else this object stored is dropped, and its alarm
   * cancelled: the connector's tenant is deleted, so nothing queued (PPPoE passwords) may be kept.
   */
  async purge(code: number, reason: string): Promise<void> {
    await this.disconnect(code, reason);
    this.outbox.purge();
    await this.ctx.storage.deleteAlarm();
  }

  async status(): Promise<GatewayStatus> {
    const ws = this.socket();
    const a = ws ? attachmentOf(ws) : undefined;
    const auto = ws ? (this.ctx.getWebSocketAutoResponseTimestamp(ws)?.getTime() ?? 0) : 0;
    const commands = this.outbox.all();
    const lanes = this.outbox.lanes();
    const routerIds = [...new Set([...commands.map((c) => c.routerId), ...lanes.keys()])].sort();
    return {
      connected: ws !== undefined,
      connectedAt: a ? new Date(a.connectedAt).toISOString() : null,
      lastSeen: a ? new Date(Math.max(a.lastMessageAt, auto)).toISOString() : null,
      queued: commands.filter((c) => c.sentAt === null).length,
      inFlight: commands.filter((c) => c.sentAt !== null).length,
      routers: routerIds.map((routerId) => {
        const lane = lanes.get(routerId);
        return {
          routerId,
          queued: commands.filter((c) => c.routerId === routerId).length,
          failures: lane?.failures ?? 0,
          retryAt: lane?.retryAt ? new Date(lane.retryAt).toISOString() : null,
          lastError: lane?.lastError ?? null,
        };
      }),
      recent: this.outbox.recent(),
    };
  }
}

function expiredResult(commandId: string) {
  const error = { code: "deadline" as const, message: "deadline passed before it could be sent", retryable: false };
  return { type: "result" as const, commandId, ok: false, error };
}
