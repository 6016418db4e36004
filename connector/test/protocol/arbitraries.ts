import { fc } from "@fast-check/vitest";
import {
  type CloudMessage,
  type ConnectorMessage,
  type Op,
  RefusalCodeSchema,
  type Result,
} from "../../../src/protocol/index.ts";

/** fast-check generators for every protocol message, valid by construction. */
export const id = fc.stringMatching(/^[A-Za-z0-9_-]{1,24}$/);
// biome-ignore lint/suspicious/noControlCharactersInRegex: the generator mirrors the schema's rule
export const routerName = fc.stringMatching(/^[^\x00-\x1f\x7f,]{1,24}$/);
const rate = fc.tuple(fc.nat({ max: 10_000 }), fc.constantFrom("", "k", "M", "G"));
const pair = fc.tuple(rate, rate).map(([[a, u], [b, v]]) => `${a}${u}/${b}${v}`);
export const rateLimit = fc.oneof(
  pair,
  fc
    .tuple(pair, pair, pair, fc.tuple(fc.nat(60), fc.nat(60)), fc.integer({ min: 1, max: 8 }))
    .map(([a, b, c, [t1, t2], prio]) => `${a} ${b} ${c} ${t1}/${t2} ${prio}`),
);
export const instant = fc
  .date({ min: new Date("2000-01-01T00:00:00Z"), max: new Date("2100-01-01T00:00:00Z"), noInvalidDate: true })
  .map((d) => d.toISOString());
const decimal = fc.bigInt({ min: 0n, max: 2n ** 64n - 1n }).map(String);
const count = fc.nat({ max: 2 ** 40 });

export const op: fc.Arbitrary<Op> = fc.oneof(
  fc.record({
    op: fc.constant("ensureProfile" as const),
    args: fc.record(
      {
        name: routerName,
        rateLimit,
        localAddress: fc.ipV4(),
        remoteAddressPool: routerName,
        dnsServers: fc.array(fc.ipV4(), { minLength: 1, maxLength: 4 }),
        parentQueue: routerName,
        planId: id,
      },
      { requiredKeys: ["name", "rateLimit"] },
    ),
  }),
  fc.record({
    op: fc.constant("ensureSecret" as const),
    args: fc.record({
      name: routerName,
      password: fc.string({ minLength: 1, maxLength: 30 }),
      profile: routerName,
      service: fc.constant("pppoe" as const),
      comment: id,
      disabled: fc.boolean(),
    }),
  }),
  fc.record({
    op: fc.constant("setSecretDisabled" as const),
    args: fc.record({ name: routerName, disabled: fc.boolean() }),
  }),
  fc.record({
    op: fc.constant("ensureAbsent" as const),
    args: fc.record({
      path: fc.constantFrom("/ppp/secret", "/ppp/profile", "/ip/pool", "/queue/simple" as const),
      name: routerName,
    }),
  }),
  fc.record({ op: fc.constant("kickSession" as const), args: fc.record({ name: routerName }) }),
  fc.record({ op: fc.constant("getSession" as const), args: fc.record({ name: routerName }) }),
  fc.record({ op: fc.constant("listManaged" as const), args: fc.constant({}) }),
  fc.record({ op: fc.constant("testRouter" as const), args: fc.constant({}) }),
);

export const connectorMessage: fc.Arbitrary<ConnectorMessage> = fc.oneof(
  fc.record({
    type: fc.constant("hello" as const),
    protocol: fc.constant(1 as const),
    connectorId: id,
    version: fc.string({ minLength: 1, maxLength: 20 }),
    routers: fc.array(
      fc.record(
        {
          routerId: id,
          reachable: fc.boolean(),
          identity: fc.string({ maxLength: 30 }),
          version: fc.string({ maxLength: 20 }),
        },
        { requiredKeys: ["routerId"] },
      ),
      { maxLength: 5 },
    ),
  }),
  fc.oneof(
    fc.record({
      type: fc.constant("result" as const),
      commandId: id,
      ok: fc.constant(true),
      data: fc.jsonValue().map((v) => v as Result["data"]),
    }),
    fc.record({
      type: fc.constant("result" as const),
      commandId: id,
      ok: fc.constant(false),
      error: fc.record({
        code: fc.constantFrom("connection", "timeout", "auth", "trap", "not_found", "deadline" as const),
        message: fc.string({ maxLength: 100 }),
        retryable: fc.boolean(),
      }),
    }),
  ),
  fc.record(
    {
      type: fc.constant("samples" as const),
      batchId: id,
      samples: fc.array(
        fc.record({
          routerId: id,
          seq: count,
          ts: instant,
          customerRef: id,
          rxBytes: decimal,
          txBytes: decimal,
          rxRateBps: count,
          txRateBps: count,
        }),
        { maxLength: 5 },
      ),
      droppedSamples: count,
    },
    { requiredKeys: ["type", "batchId", "samples"] },
  ),
  fc.record({
    type: fc.constant("health" as const),
    routerId: id,
    cpuLoad: fc.integer({ min: 0, max: 100 }),
    freeMemory: count,
    uptime: count,
    ts: instant,
  }),
  fc.constant({ type: "heartbeat" as const }),
);

export const cloudMessage: fc.Arbitrary<CloudMessage> = fc.oneof(
  fc
    .tuple(
      fc.record({ type: fc.constant("command" as const), id, routerId: id, idempotencyKey: id, deadline: instant }),
      op,
    )
    .map(([base, o]) => ({ ...base, ...o })),
  fc.record({ type: fc.constant("ack" as const), batchId: id }),
  fc.record({
    type: fc.constant("config" as const),
    routers: fc.array(
      fc.record(
        {
          routerId: id,
          host: fc.domain(),
          port: fc.integer({ min: 1, max: 65535 }),
          username: fc.string({ minLength: 1, maxLength: 20 }),
          password: fc.string({ maxLength: 20 }),
          tls: fc.boolean(),
        },
        { requiredKeys: ["routerId", "host", "port", "username", "password"] },
      ),
      { maxLength: 4 },
    ),
    pollIntervalMs: fc.integer({ min: 1000, max: 3_600_000 }),
  }),
  fc.record({
    type: fc.constant("enrolled" as const),
    connectorId: id,
    secret: fc.stringMatching(/^[A-Za-z0-9_-]{16,64}$/),
  }),
  fc.record(
    {
      type: fc.constant("refused" as const),
      code: fc.constantFrom(...RefusalCodeSchema.options),
      message: fc.string({ maxLength: 40 }),
      frame: fc.constantFrom("samples", "hello", "health"),
      batchId: id,
      retryable: fc.boolean(),
      retryAfterMs: fc.integer({ min: 0, max: 86_400_000 }),
    },
    { requiredKeys: ["type", "code", "message", "frame", "retryable"] },
  ),
  fc.constant({ type: "heartbeat" as const }),
);
