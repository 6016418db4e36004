import { z } from "zod";
import { DecimalSchema, IdSchema, InstantSchema } from "./ids.ts";
import { OpSchema } from "./ops.ts";

/**
 * Messages between a connector and its `ConnectorGateway` Durable Object: JSON text frames over one
 * WebSocket, discriminated by `type`. Both sides import these schemas; nothing here touches Node or
 * Workers APIs.
 */

/** Bumped on a breaking change; the gateway may refuse a connector that speaks another one. */
export const PROTOCOL_VERSION = 1;

// ---------------------------------------------------------------- connector → cloud

export const RouterStatusSchema = z.object({
  routerId: IdSchema,
  /** Absent when the connector has not tried the router yet: no observation, not "unreachable". */
  reachable: z.boolean().optional(),
  identity: z.string().max(255).optional(),
  version: z.string().max(64).optional(),
});

export const HelloSchema = z.object({
  type: z.literal("hello"),
  protocol: z.literal(PROTOCOL_VERSION),
  connectorId: IdSchema,
  /** The connector's software version. */
  version: z.string().min(1).max(64),
  routers: z.array(RouterStatusSchema).max(1000),
});

export const ResultErrorCodeSchema = z.enum([
  /** The router (for `sendMail`: the mail server) could not be reached or the connection dropped: retry later. */
  "connection",
  /** The router (mail server) did not answer in time: retry later. */
  "timeout",
  /** The router refused our API credentials (the mail server our SMTP AUTH). */
  "auth",
  /** RouterOS answered `!trap` (the message says why). */
  "trap",
  /** The object the op needs does not exist (e.g. disabling a secret that is not there). */
  "not_found",
  /** The named object exists on the router without our comment tag (made by hand): left untouched. */
  "not_managed",
  /** The command's deadline had passed before it ran; it was not run. */
  "deadline",
  /** The command names a router this connector has no configuration for. */
  "unknown_router",
  /** The mail server refused the message or its sender/recipient (the message holds its reply). */
  "smtp",
  /** The command did not validate. */
  "invalid_command",
  /** The target (the mail server of `sendMail`) is outside the connector's local `allowNetworks`: not contacted. */
  "not_allowed",
  "internal",
]);
export type ResultErrorCode = z.infer<typeof ResultErrorCodeSchema>;

export const ResultErrorSchema = z.object({
  code: ResultErrorCodeSchema,
  message: z.string().max(2000),
  /** True when sending the same command again later may succeed. */
  retryable: z.boolean(),
});

export const ResultSchema = z.object({
  type: z.literal("result"),
  commandId: IdSchema,
  ok: z.boolean(),
  /** On success: the op's result (see `OpResultSchemas`). */
  data: z.json().optional(),
  error: ResultErrorSchema.optional(),
});

export const SampleSchema = z.object({
  routerId: IdSchema,
  /** Per connector, strictly increasing across restarts: the cloud de-duplicates on (connector, router, seq). */
  seq: z.number().int().nonnegative().max(Number.MAX_SAFE_INTEGER),
  ts: InstantSchema,
  /** Our customer id, read from the queue's (or its PPP secret's) `comment=rtrw:<id>`. */
  customerRef: IdSchema,
  /** Bytes the customer downloaded since the previous sample. */
  rxBytes: DecimalSchema,
  /** Bytes the customer uploaded since the previous sample. */
  txBytes: DecimalSchema,
  rxRateBps: z.number().int().nonnegative().max(Number.MAX_SAFE_INTEGER),
  txRateBps: z.number().int().nonnegative().max(Number.MAX_SAFE_INTEGER),
});

export const SamplesSchema = z.object({
  type: z.literal("samples"),
  /** Acknowledged by the cloud with `ack`; the connector deletes the batch only then. */
  batchId: IdSchema,
  samples: z.array(SampleSchema).max(20_000),
  /** Samples this connector dropped so far because its offline buffer was full. */
  droppedSamples: z.number().int().nonnegative().optional(),
});

export const HealthSchema = z.object({
  type: z.literal("health"),
  routerId: IdSchema,
  cpuLoad: z.number().int().min(0).max(100),
  freeMemory: z.number().int().nonnegative(),
  /** Seconds since the router booted. */
  uptime: z.number().int().nonnegative(),
  ts: InstantSchema,
});

export const DeviceReachabilitySchema = z.object({
  deviceId: IdSchema,
  /** Whether a TCP connection to the device's address and port completed within the probe's timeout. */
  reachable: z.boolean(),
  /** Why it was not tried, when it was not (the address is outside the connector's local `allowNetworks`). */
  error: z.string().max(500).optional(),
});

/** One probe round over the devices of the last `config` (sent every poll interval). */
export const DevicesSchema = z.object({
  type: z.literal("devices"),
  ts: InstantSchema,
  devices: z.array(DeviceReachabilitySchema).max(5000),
});

/**
 * Sent in both directions, always as the exact text `HEARTBEAT_TEXT`, so the gateway can answer it
 * with a hibernation auto-response (`setWebSocketAutoResponse`) without waking the Durable Object.
 */
export const HeartbeatSchema = z.object({ type: z.literal("heartbeat") });
export const HEARTBEAT_TEXT = '{"type":"heartbeat"}';

// ---------------------------------------------------------------- cloud → connector

/**
 * Run one op on one router (or, for `CONNECTOR_OPS` such as `sendMail`, on the connector itself:
 * then without `routerId`); resent by the gateway until a `result` with the same `commandId` arrives.
 */
export const CommandSchema = z
  .object({
    type: z.literal("command"),
    id: IdSchema,
    routerId: IdSchema.optional(),
    idempotencyKey: z.string().min(1).max(200),
    /** After this instant the connector does not start the command (it answers `deadline`). */
    deadline: InstantSchema,
  })
  .and(OpSchema);

export const AckSchema = z.object({ type: z.literal("ack"), batchId: IdSchema });

export const RouterConfigSchema = z.object({
  routerId: IdSchema,
  host: z.string().min(1).max(255),
  port: z.number().int().min(1).max(65535),
  username: z.string().min(1).max(128),
  password: z.string().max(256),
  /** API over TLS (`api-ssl`, usually port 8729): the router's stored choice (`mikrotik_routers.api_tls`). */
  tls: z.boolean().optional(),
});

/** A device (OLT, switch, AP …) the connector probes: a TCP connect to `host`:`port`. */
export const DeviceProbeSchema = z.object({
  deviceId: IdSchema,
  host: z.string().min(1).max(255),
  port: z.number().int().min(1).max(65535),
});

export const ConfigSchema = z.object({
  type: z.literal("config"),
  routers: z.array(RouterConfigSchema).max(1000),
  /** Absent from a cloud older than device probing: nothing to probe. */
  devices: z.array(DeviceProbeSchema).max(5000).optional(),
  pollIntervalMs: z.number().int().min(1000).max(3_600_000),
});

/**
 * Answer to a connect made with an enrollment token: the long-lived credential. The connector
 * stores it and authenticates with `Bearer <connectorId>.<secret>` from then on.
 */
export const EnrolledSchema = z.object({
  type: z.literal("enrolled"),
  connectorId: IdSchema,
  secret: z.string().min(16).max(256),
});

/** Why the gateway refused a frame (`refused`). */
export const RefusalCodeSchema = z.enum([
  /** More frames per second than this connector's budget; retry after `retryAfterMs`. */
  "frame_rate",
  /** `hello` more often than a few times a minute; no config was re-sent. Retry after `retryAfterMs`. */
  "hello_rate",
  /** A samples batch larger than this connector's whole per-minute budget: it can never be taken. */
  "too_large",
  /** More samples this minute than this connector's routers' customers can produce; retry after `retryAfterMs`. */
  "sample_budget",
  /** A sample's `ts` is more than 5 minutes ahead or older than the raw-sample retention (check the clock). */
  "timestamp_range",
  /** The tenant keeps as many raw samples as it may; retry after `retryAfterMs` (retention frees room). */
  "tenant_cap",
]);
export type RefusalCode = z.infer<typeof RefusalCodeSchema>;

/**
 * A frame the gateway did not take (nothing of it was stored or acted on). `retryable`: the same
 * frame may be taken after `retryAfterMs`; otherwise it never will be. The connector logs it and,
 * for a samples batch (`batchId`), keeps the batch to resend later or drops it from its buffer.
 */
export const RefusedSchema = z.object({
  type: z.literal("refused"),
  code: RefusalCodeSchema,
  message: z.string().max(2000),
  /** The `type` of the refused frame. */
  frame: z.string().max(32),
  batchId: IdSchema.optional(),
  retryable: z.boolean(),
  retryAfterMs: z.number().int().nonnegative().max(86_400_000).optional(),
});

// ---------------------------------------------------------------- unions

/** Discriminated on `type`; `command` is itself a union on `op`. */
export const ConnectorMessageSchema = z.discriminatedUnion("type", [
  HelloSchema,
  ResultSchema,
  SamplesSchema,
  HealthSchema,
  DevicesSchema,
  HeartbeatSchema,
]);
export const CloudMessageSchema = z.union([
  CommandSchema,
  z.discriminatedUnion("type", [AckSchema, ConfigSchema, EnrolledSchema, RefusedSchema, HeartbeatSchema]),
]);

export type Hello = z.infer<typeof HelloSchema>;
export type RouterStatus = z.infer<typeof RouterStatusSchema>;
export type Result = z.infer<typeof ResultSchema>;
export type ResultError = z.infer<typeof ResultErrorSchema>;
export type Sample = z.infer<typeof SampleSchema>;
export type Samples = z.infer<typeof SamplesSchema>;
export type Health = z.infer<typeof HealthSchema>;
export type Devices = z.infer<typeof DevicesSchema>;
export type DeviceReachability = z.infer<typeof DeviceReachabilitySchema>;
export type DeviceProbe = z.infer<typeof DeviceProbeSchema>;
export type Heartbeat = z.infer<typeof HeartbeatSchema>;
export type Command = z.infer<typeof CommandSchema>;
export type Ack = z.infer<typeof AckSchema>;
export type RouterConfig = z.infer<typeof RouterConfigSchema>;
export type Config = z.infer<typeof ConfigSchema>;
export type Enrolled = z.infer<typeof EnrolledSchema>;
export type Refused = z.infer<typeof RefusedSchema>;
export type ConnectorMessage = z.infer<typeof ConnectorMessageSchema>;
export type CloudMessage = z.infer<typeof CloudMessageSchema>;
export type Message = ConnectorMessage | CloudMessage;
