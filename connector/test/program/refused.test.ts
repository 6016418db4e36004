import { describe, expect, it } from "vitest";
import type { Hello, Samples } from "../../../src/protocol/index.ts";
import { createLogger } from "../../src/log.ts";
import { startFakeCloud, until } from "../support/cloud.ts";
import { CONNECTOR_ID, configFor, runConnector, SECRET } from "../support/connector.ts";
import { sim } from "../support/sim.ts";

const isSamples = (m: { type: string }): m is Samples => m.type === "samples";
const isHello = (m: { type: string }): m is Hello => m.type === "hello";

/** A logger that keeps every line, parsed. */
function capturingLog() {
  const lines: { level: string; msg: string; [k: string]: unknown }[] = [];
  return { lines, log: createLogger({ level: "debug", write: (l) => lines.push(JSON.parse(l)) }) };
}

/** One router with one customer's queue; the connector polls it by hand and has one batch in the buffer. */
async function connectorWithOneBatch() {
  const s = await sim();
  s.state.queues.insert({ ...s.state.queues.spec.defaults, name: "budi", target: "10.0.0.2/32", comment: "rtrw:c-1" });
  const cloud = await startFakeCloud({
    credentials: { [CONNECTOR_ID]: SECRET },
    onConnect: (send) => send(configFor({ r1: s })),
  });
  const { lines, log } = capturingLog();
  const c = await runConnector(cloud, { log, ackTimeoutMs: 60_000 });
  await until(() => c.registry.ids().length === 1, 20_000, "config");
  await c.pollNow(); // the counters' baseline
  s.state.addTraffic("budi", { up: 10n, down: 100n });
  await c.pollNow();
  const batch = await cloud.waitFor(isSamples);
  return { cloud, c, lines, batch };
}

describe("the cloud refuses a frame", () => {
  it("a retryable refusal of a samples batch is logged; the batch stays buffered and goes again after retryAfterMs", async () => {
    const { cloud, c, lines, batch } = await connectorWithOneBatch();
    const refusedAt = Date.now();
    cloud.send({
      type: "refused",
      code: "sample_budget",
      message: "more than 10000 samples a minute from this connector",
      frame: "samples",
      batchId: batch.batchId,
      retryable: true,
      retryAfterMs: 400,
    });
    await until(() => lines.some((l) => l.msg.includes("refused a samples batch")), 20_000, "logged");
    expect(lines.find((l) => l.msg.includes("refused a samples batch"))).toMatchObject({
      level: "warn",
      batchId: batch.batchId,
      code: "sample_budget",
      retryAfterMs: 400,
    });
    expect(c.buffer.stats()).toMatchObject({ segments: 1, dropped: 0 });
    await until(() => cloud.received.filter(isSamples).length === 2, 20_000, "resent");
    expect(Date.now() - refusedAt).toBeGreaterThanOrEqual(390);
    expect(cloud.received.filter(isSamples)[1]?.batchId).toBe(batch.batchId);
    cloud.send({ type: "ack", batchId: batch.batchId });
    await until(() => c.buffer.stats().segments === 0, 20_000, "acked");
  });

  it("a final refusal (samples outside the time window) is logged as an error; the batch is dropped and counted", async () => {
    const { cloud, c, lines, batch } = await connectorWithOneBatch();
    cloud.send({
      type: "refused",
      code: "timestamp_range",
      message: "sample ts 2999-01-01T00:00:00.000Z is more than 5 minutes ahead",
      frame: "samples",
      batchId: batch.batchId,
      retryable: false,
    });
    // The log line is the last thing the connector does with the refusal (after discarding the batch).
    await until(() => lines.some((l) => l.msg.includes("refused a samples batch")), 20_000, "logged");
    expect(c.buffer.stats()).toMatchObject({ segments: 0, dropped: 1 });
    expect(lines.find((l) => l.msg.includes("refused a samples batch"))).toMatchObject({
      level: "error",
      code: "timestamp_range",
      reason: expect.stringContaining("2999"),
      dropped: 1,
    });
    await c.pollNow(); // nothing left to send
    expect(cloud.received.filter(isSamples)).toHaveLength(1);
  });

  it("a refused hello is logged and said again when the cloud allows; another refused frame is logged and dropped", async () => {
    const cloud = await startFakeCloud({ credentials: { [CONNECTOR_ID]: SECRET } });
    const { lines, log } = capturingLog();
    await runConnector(cloud, { log });
    await cloud.waitFor(isHello);
    cloud.send({
      type: "refused",
      code: "hello_rate",
      message: "more than 6 hello a minute",
      frame: "hello",
      retryable: true,
      retryAfterMs: 300,
    });
    await until(() => cloud.received.filter(isHello).length === 2, 20_000, "hello again");
    expect(lines.find((l) => l.msg.includes("refused a hello"))).toMatchObject({ level: "warn", code: "hello_rate" });

    cloud.send({
      type: "refused",
      code: "frame_rate",
      message: "too many frames per second",
      frame: "health",
      retryable: true,
      retryAfterMs: 100,
    });
    await until(() => lines.some((l) => l.msg.includes("refused a message")), 20_000, "logged");
    expect(lines.find((l) => l.msg.includes("refused a message"))).toMatchObject({
      level: "warn",
      frame: "health",
      code: "frame_rate",
    });
  });
});
