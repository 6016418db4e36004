import { readdir } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import type { Samples } from "../../../src/protocol/index.ts";
import { startFakeCloud, until } from "../support/cloud.ts";
import { CONNECTOR_ID, configFor, runConnector, SECRET, tempDir } from "../support/connector.ts";
import { sim } from "../support/sim.ts";

const isSamples = (m: { type: string }): m is Samples => m.type === "samples";

/** A router with customer 1's queue (`budi`), and a cloud that gives the connector that router. */
async function budiBehindOneRouter() {
  const s = await sim();
  s.state.queues.insert({
    ...s.state.queues.spec.defaults,
    name: "budi",
    target: "10.0.0.2/32",
    comment: "rtrw:cust-1",
  });
  const cloud = await startFakeCloud({
    credentials: { [CONNECTOR_ID]: SECRET },
    onConnect: (send) => send(configFor({ r1: s })),
  });
  return { s, cloud };
}

describe("samples while offline", () => {
  it("buffers samples on disk offline, uploads them after reconnect and deletes them only after ack", async () => {
    const { s, cloud } = await budiBehindOneRouter();
    const stateDir = await tempDir();
    const c = await runConnector(cloud, { stateDir, ackTimeoutMs: 60_000 });
    await until(() => c.registry.ids().length === 1, 5_000, "config");
    await c.pollNow(); // baseline

    cloud.setOnline(false);
    await until(() => !c.socket.connected, 5_000, "offline");
    s.state.addTraffic("budi", { up: 100n, down: 1_000n, upRate: 8_000, downRate: 64_000 });
    await c.pollNow();
    s.state.addTraffic("budi", { up: 50n, down: 500n });
    await c.pollNow();
    expect(c.buffer.stats()).toMatchObject({ segments: 2, samples: 2 });
    const segmentFiles = async () => (await readdir(join(stateDir, "buffer"))).filter((f) => f.startsWith("s"));
    expect(await segmentFiles()).toHaveLength(2);

    cloud.setOnline(true);
    const [b1, b2] = await until(() => cloud.received.filter(isSamples).length === 2, 5_000, "uploads").then(() =>
      cloud.received.filter(isSamples),
    );
    expect(b1?.samples).toEqual([
      expect.objectContaining({
        routerId: "r1",
        customerRef: "cust-1",
        rxBytes: "1000",
        txBytes: "100",
        rxRateBps: 64_000,
        txRateBps: 8_000,
      }),
    ]);
    expect(b2?.samples).toEqual([expect.objectContaining({ rxBytes: "500", txBytes: "50" })]);
    expect((b2?.samples[0]?.seq ?? 0) > (b1?.samples[0]?.seq ?? 0)).toBe(true);
    // Not acknowledged yet: still on disk.
    expect(await segmentFiles()).toHaveLength(2);

    cloud.send({ type: "ack", batchId: b1?.batchId ?? "" });
    await until(async () => (await segmentFiles()).length === 1, 5_000, "first batch deleted");
    cloud.send({ type: "ack", batchId: b2?.batchId ?? "" });
    await until(async () => (await segmentFiles()).length === 0, 5_000, "second batch deleted");
    expect(c.buffer.stats()).toMatchObject({ segments: 0, samples: 0 });
  });

  it("sends an unacknowledged batch again after a reconnect", async () => {
    const { s, cloud } = await budiBehindOneRouter();
    const c = await runConnector(cloud);
    await until(() => c.registry.ids().length === 1, 5_000, "config");
    await c.pollNow();
    s.state.addTraffic("budi", { up: 1n, down: 2n });
    await c.pollNow();
    const first = await cloud.waitFor(isSamples);
    cloud.dropAll();
    await until(() => cloud.received.filter(isSamples).length === 2, 5_000, "resend");
    expect(cloud.received.filter(isSamples)[1]?.batchId).toBe(first.batchId);
  });
});

describe("the first poll", () => {
  it("runs as soon as the router list is known, so the first regular poll already has samples", async () => {
    const { s, cloud } = await budiBehindOneRouter();
    const c = await runConnector(cloud, { pollOnStart: true });
    // Nobody called pollNow: the baseline round comes from the config alone (its health ends it).
    await cloud.waitFor((m) => m.type === "health");
    expect(s.commands.filter((w) => w[0] === "/queue/simple/print")).toHaveLength(1);
    s.state.addTraffic("budi", { up: 10n, down: 2_000n, upRate: 800, downRate: 16_000 });
    await c.pollNow();
    const batch = await cloud.waitFor(isSamples);
    expect(batch.samples).toEqual([expect.objectContaining({ customerRef: "cust-1", rxBytes: "2000", txBytes: "10" })]);
  });
});
