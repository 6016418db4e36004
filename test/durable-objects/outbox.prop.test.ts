import { runInDurableObject } from "cloudflare:test";
import { fc, test } from "@fast-check/vitest";
import { describe, expect } from "vitest";
import {
  type LaneState,
  laneBackoffMs,
  planSends,
  RESEND_AFTER_MS,
} from "../../durable-objects/connector-gateway/lanes";
import { Outbox } from "../../durable-objects/connector-gateway/outbox";
import type { Presence } from "../../durable-objects/connector-gateway/presence";
import { handleResult } from "../../durable-objects/connector-gateway/results";
import type { Result, ResultError } from "../../src/protocol";
import { gatewayOf } from "./fake-connector";

/** How a command's attempts end: some retryable failures (router away, timeout), then success or a final failure. */
const scriptArb = fc.record({
  routerIndex: fc.integer({ min: 0, max: 2 }),
  retries: fc.integer({ min: 0, max: 4 }),
  final: fc.constantFrom<"ok" | "trap">("ok", "ok", "trap"),
});
const RETRYABLE: ResultError[] = [
  { code: "connection", message: "router unreachable", retryable: true },
  { code: "timeout", message: "no answer", retryable: true },
  { code: "unknown_router", message: "config not there yet", retryable: true },
];

describe("the gateway's outbox", () => {
  // Property 29: Operation Queueing on Connection Failure
  test.prop([fc.array(scriptArb, { minLength: 1, maxLength: 6 }), fc.integer({ min: 0, max: 2 })], { numRuns: 120 })(
    "a command that fails for want of a connection stays queued, waits out its router's backoff, is sent again, and finishes once, in order",
    async (scripts, errorPick) => {
      await runInDurableObject(gatewayOf(`prop29-${crypto.randomUUID()}`), async (_instance, state) => {
        const outbox = new Outbox(state.storage.sql);
        const p = { ctx: state, outbox, backend: undefined as never, connectorId: "c" } satisfies Presence;
        const routers = ["r0", "r1", "r2"];
        const t0 = 1_000_000;
        outbox.enqueue(
          scripts.map((s, i) => ({
            op: "kickSession" as const,
            args: { name: `u${i}` },
            routerId: routers[s.routerIndex] as string,
            idempotencyKey: `k${i}`,
            deadline: new Date(t0 + 30 * 24 * 3600_000).toISOString(),
          })),
          t0,
        );
        const ids = outbox.all().map((c) => c.id);
        const sends = new Map<string, number[]>();
        const finished: string[] = [];
        const notBefore = new Map<string, number>();
        let now = t0;
        for (let step = 0; step < 500 && outbox.all().length > 0; step++) {
          const plan = planSends(outbox.all(), outbox.lanes(), now);
          expect(new Set(plan.send.map((c) => c.routerId)).size).toBe(plan.send.length);
          if (plan.send.length === 0) {
            expect(plan.wakeAt).not.toBeNull();
            now = Math.max(now + 1, plan.wakeAt ?? now);
            continue;
          }
          for (const cmd of plan.send) {
            expect(now).toBeGreaterThanOrEqual(notBefore.get(cmd.routerId) ?? 0);
            outbox.markSent(cmd.id, now);
            const i = ids.indexOf(cmd.id);
            const s = scripts[i] as (typeof scripts)[number];
            const attempts = [...(sends.get(cmd.id) ?? []), now];
            sends.set(cmd.id, attempts);
            let result: Result;
            if (attempts.length <= s.retries) {
              const error = RETRYABLE[(errorPick + attempts.length) % RETRYABLE.length] as ResultError;
              result = { type: "result", commandId: cmd.id, ok: false, error };
            } else if (s.final === "ok") result = { type: "result", commandId: cmd.id, ok: true, data: { kicked: 0 } };
            else
              result = {
                type: "result",
                commandId: cmd.id,
                ok: false,
                error: { code: "trap", message: "no", retryable: false },
              };
            await handleResult(p, "tenant", result, now);
            const lane: LaneState | undefined = outbox.lanes().get(cmd.routerId);
            if (!result.ok && result.error?.retryable) {
              expect(outbox.get(cmd.id)).toBeDefined();
              expect(lane?.retryAt).toBe(now + laneBackoffMs(lane?.failures ?? 0));
              notBefore.set(cmd.routerId, lane?.retryAt ?? 0);
            } else {
              expect(outbox.get(cmd.id)).toBeUndefined();
              finished.push(cmd.id);
              notBefore.delete(cmd.routerId);
            }
          }
        }
        expect(outbox.all()).toEqual([]);
        scripts.forEach((s, i) => {
          expect(sends.get(ids[i] as string)).toHaveLength(s.retries + 1);
        });
        for (const r of routers) {
          const order = ids.filter((_, i) => routers[(scripts[i] as (typeof scripts)[number]).routerIndex] === r);
          expect(finished.filter((id) => order.includes(id))).toEqual(order);
        }
        expect(new Set(finished).size).toBe(scripts.length);
      });
    },
  );

  test.prop([fc.integer({ min: 0, max: 10 * RESEND_AFTER_MS }), fc.integer({ min: 1, max: 30 })], { numRuns: 100 })(
    "a command in flight is not sent twice before the resend time, and never expires while in flight",
    async (elapsed, failures) => {
      const cmd = {
        seq: 1,
        id: "a",
        routerId: "r",
        op: "kickSession" as const,
        args: { name: "x" },
        idempotencyKey: "k",
        deadline: new Date(0).toISOString(),
        subject: null,
        version: null,
        kickOnChange: false,
        attempts: 1,
        sentAt: 1_000,
      };
      const lanes = new Map([["r", { routerId: "r", failures, retryAt: 0, lastError: null }]]);
      const plan = planSends([cmd], lanes, 1_000 + elapsed);
      expect(plan.expired).toEqual([]);
      expect(plan.send.length).toBe(elapsed >= RESEND_AFTER_MS ? 1 : 0);
      expect(laneBackoffMs(failures)).toBeLessThanOrEqual(300_000);
      expect(laneBackoffMs(failures + 1)).toBeGreaterThanOrEqual(laneBackoffMs(failures));
    },
  );
});
