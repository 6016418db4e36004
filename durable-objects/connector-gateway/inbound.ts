import { type Devices, encodeMessage, type Health, type Hello, type Refused, type Samples } from "../../src/protocol";
import { connectorConfig } from "../../src/services/connectors/config";
import { markConnectorOnline } from "../../src/services/connectors/presence";
import { recordDeviceObservations } from "../../src/services/monitoring/device-status";
import { ingestSamples } from "../../src/services/monitoring/ingest";
import { publishBandwidth } from "../../src/services/monitoring/live";
import { recordRouterObservations } from "../../src/services/monitoring/router-status";
import { refusal } from "./budget";
import type { Presence } from "./presence";
import { attachmentOf, hashText, send } from "./sockets";

/**
 * `hello`: the connector is online (with its version), and what it says of its routers' reachability.
 * A router without `reachable` has not been tried yet (the connector says hello before its first
 * poll): no observation, its status stays as it is until the poll's `health`.
 */
export async function observeHello(p: Presence, tenantId: string, hello: Hello): Promise<void> {
  const now = new Date();
  await p.backend.run(tenantId, "connector-gateway", async (ctx) => {
    await markConnectorOnline(ctx, p.connectorId, hello.version, now);
    const seen = hello.routers.flatMap((r) =>
      r.reachable === undefined
        ? []
        : [{ routerId: r.routerId, reachable: r.reachable, at: now, ...(r.version ? { version: r.version } : {}) }],
    );
    await recordRouterObservations(ctx, p.connectorId, seen);
  });
}

/** `health`: the router answered its poll. */
export async function observeHealth(p: Presence, tenantId: string, health: Health): Promise<void> {
  const at = new Date(Math.min(Date.parse(health.ts), Date.now()));
  await p.backend.run(tenantId, "connector-gateway", (ctx) =>
    recordRouterObservations(ctx, p.connectorId, [{ routerId: health.routerId, reachable: true, at }]),
  );
}

/** `devices`: one probe round over the devices the connector was given. */
export async function observeDevices(p: Presence, tenantId: string, round: Devices): Promise<void> {
  const at = new Date(Math.min(Date.parse(round.ts), Date.now()));
  await p.backend.run(tenantId, "connector-gateway", (ctx) =>
    recordDeviceObservations(ctx, p.connectorId, round.devices, at),
  );
}

/**
 * Sends `config` (the connector's routers, with their API passwords, and the devices it probes) unless this socket already
 * has exactly this list: the connector answers every `config` with a `hello`, which must not
 * trigger another `config`.
 */
export async function sendConfig(p: Presence, tenantId: string, ws: WebSocket): Promise<void> {
  const config = await p.backend.run(tenantId, "connector-gateway", (ctx) => connectorConfig(ctx, p.connectorId));
  if (config === null) return;
  const text = encodeMessage(config);
  const hash = await hashText(text);
  const a = attachmentOf(ws);
  if (a?.configHash === hash) return;
  if (send(ws, text) && a) ws.serializeAttachment({ ...a, configHash: hash });
}

/** A tenant at its cap is asked to retry this much later (the hourly retention prune makes room). */
export const TENANT_CAP_RETRY_MS = 15 * 60_000;

/** How a stored (or refused) batch is answered on the connector's socket. */
export interface BatchReply {
  ack(): void;
  refuse(refused: Refused): void;
}

/**
 * Stores a samples batch and, once it is safely in Postgres (then, and only then), calls `ack`.
 * What it newly stored then goes live to the tenant's hub, one message per customer (see
 * monitoring/live.ts): after the ack, so the connector's upload does not wait on the fan-out. A
 * tenant at its cap of raw samples stores nothing and gets `refused` (retry later).
 */
export async function ingestBatch(p: Presence, tenantId: string, batch: Samples, reply: BatchReply): Promise<void> {
  let outcome: Awaited<ReturnType<typeof ingestSamples>> | null;
  try {
    outcome = await p.backend.run(tenantId, "connector-gateway", (ctx) =>
      ingestSamples(ctx, p.connectorId, batch.samples, { rawDays: p.backend.config.MONITORING_RAW_RETENTION_DAYS }),
    );
  } catch (err) {
    p.backend.log.error("samples batch not stored; the connector will resend it", { batchId: batch.batchId, err });
    return;
  }
  if (!outcome) return;
  if (outcome.kind === "capped") {
    p.backend.log.warn("tenant at its cap of raw samples; batch refused", { rows: outcome.rows, cap: outcome.cap });
    const message = `the tenant keeps ${outcome.rows} raw samples, its cap is ${outcome.cap}`;
    reply.refuse(
      refusal(batch, { ok: false, code: "tenant_cap", message, retryable: true, retryAfterMs: TENANT_CAP_RETRY_MS }),
    );
    return;
  }
  reply.ack();
  if (batch.droppedSamples)
    p.backend.log.warn("connector dropped samples (buffer full)", { dropped: batch.droppedSamples });
  await publishBandwidth(p.backend.hub, tenantId, outcome.customers, p.backend.log);
}
