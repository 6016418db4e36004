import { describe, expect, it } from "vitest";
import type { Health } from "../../../src/protocol/index.ts";
import type { NewSample } from "../../src/buffer.ts";
import { silentLogger } from "../../src/log.ts";
import { Poller } from "../../src/poller.ts";
import { startFakeCloud, until } from "../support/cloud.ts";
import { CONNECTOR_ID, configFor, runConnector, SECRET } from "../support/connector.ts";
import { session, sim } from "../support/sim.ts";

async function setup() {
  const s = await sim({ mode: "6.43" });
  const r = session(s);
  const samples: NewSample[][] = [];
  const health: Health[] = [];
  let now = new Date("2026-01-01T00:00:00Z");
  const poller = new Poller({
    routers: () => [{ routerId: "r1", api: r }],
    onSamples: async (x) => samples.push(x),
    onHealth: (h) => health.push(h),
    onInfo: () => {},
    log: silentLogger,
    now: () => now,
  });
  const tick = async (ms = 30_000) => {
    now = new Date(now.getTime() + ms);
    await poller.pollAll();
  };
  return { s, samples, health, tick };
}

describe("Poller", () => {
  it("turns queue counters into per-customer deltas; the first read is only a baseline", async () => {
    const { s, samples, tick } = await setup();
    s.state.queues.insert({
      ...s.state.queues.spec.defaults,
      name: "q-ani",
      target: "10.0.0.2/32",
      comment: "rtrw:cust-ani",
      bytes: "500/9000",
    });
    s.state.queues.insert({ ...s.state.queues.spec.defaults, name: "not-ours", target: "10.0.0.9/32", bytes: "1/1" });
    await tick();
    expect(samples).toEqual([]);
    s.state.addTraffic("q-ani", { up: 100n, down: 2_000n, upRate: 1_000, downRate: 20_000 });
    s.state.addTraffic("not-ours", { up: 5n, down: 5n });
    await tick();
    expect(samples).toEqual([
      [
        {
          routerId: "r1",
          ts: "2026-01-01T00:01:00.000Z",
          customerRef: "cust-ani",
          rxBytes: "2000",
          txBytes: "100",
          rxRateBps: 20_000,
          txRateBps: 1_000,
        },
      ],
    ]);
  });

  it("maps dynamic <pppoe-NAME> queues to the secret's customer, counts a new session from zero, and a reset as the new value", async () => {
    const { s, samples, tick } = await setup();
    s.state.profiles.insert({ name: "10M", ...s.state.profiles.spec.defaults, "rate-limit": "10M/10M" });
    s.state.secrets.insert({
      name: "budi",
      ...s.state.secrets.spec.defaults,
      profile: "10M",
      comment: "rtrw:cust-budi",
    });
    await tick(); // baseline: no sessions yet
    s.state.injectSession("budi");
    s.state.addTraffic("<pppoe-budi>", { up: 10n, down: 300n });
    await tick();
    expect(samples.at(-1)).toEqual([
      expect.objectContaining({ customerRef: "cust-budi", rxBytes: "300", txBytes: "10" }),
    ]);
    s.state.reboot();
    s.state.injectSession("budi");
    s.state.addTraffic("<pppoe-budi>", { up: 1n, down: 7n });
    await tick();
    expect(samples.at(-1)).toEqual([expect.objectContaining({ rxBytes: "7", txBytes: "1" })]);
  });

  it("sends router health every poll", async () => {
    const { health, tick } = await setup();
    await tick();
    expect(health).toEqual([
      {
        type: "health",
        routerId: "r1",
        cpuLoad: 3,
        freeMemory: 900_000_000,
        uptime: expect.any(Number),
        ts: "2026-01-01T00:00:30.000Z",
      },
    ]);
  });

  it("skips idle customers", async () => {
    const { s, samples, tick } = await setup();
    s.state.queues.insert({ ...s.state.queues.spec.defaults, name: "q", target: "10.0.0.2/32", comment: "rtrw:c" });
    await tick();
    await tick();
    expect(samples).toEqual([]);
  });
});

describe("the poll interval", () => {
  it("follows the cloud's config: each new config replaces the timer with its interval (no sleeping)", async () => {
    const s = await sim();
    const timers: { ms: number; fn: () => void; stopped: boolean }[] = [];
    const every = (ms: number, fn: () => void) => {
      const t = { ms, fn, stopped: false };
      timers.push(t);
      return () => {
        t.stopped = true;
      };
    };
    const cloud = await startFakeCloud({
      credentials: { [CONNECTOR_ID]: SECRET },
      onConnect: (send) => send(configFor({ r1: s }, 45_000)),
    });
    await runConnector(cloud, { pollIntervalMs: undefined, every });
    await cloud.waitFor((m) => m.type === "hello" && m.routers.length === 1);
    const live = () => timers.filter((t) => !t.stopped);
    expect(live().map((t) => t.ms)).toEqual([45_000]);
    const polls = () => s.commands.filter((c) => c[0] === "/queue/simple/print").length;
    const before = polls();
    live()[0]?.fn();
    await until(() => polls() === before + 1, 5_000, "a poll on the timer");

    cloud.send(configFor({ r1: s }, 10_000));
    await until(() => live()[0]?.ms === 10_000, 5_000, "the new interval");
    expect(live().map((t) => t.ms)).toEqual([10_000]);
  });
});
