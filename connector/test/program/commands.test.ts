import { describe, expect, it } from "vitest";
import type { Command, Result } from "../../../src/protocol/index.ts";
import { startFakeCloud, until } from "../support/cloud.ts";
import { CONNECTOR_ID, configFor, runConnector, SECRET, tempDir } from "../support/connector.ts";
import { sim } from "../support/sim.ts";

const future = () => new Date(Date.now() + 60_000).toISOString();

function ensureSecret(id: string, name = "budi"): Command {
  return {
    type: "command",
    id,
    routerId: "r1",
    idempotencyKey: `activate:${name}`,
    deadline: future(),
    op: "ensureSecret",
    args: { name, password: "pw", profile: "default", service: "pppoe", comment: "cust-1", disabled: false },
  };
}

const resultFor =
  (id: string) =>
  (m: { type: string }): m is Result =>
    m.type === "result" && (m as Result).commandId === id;

async function setup(stateDir?: string) {
  const s = await sim();
  const cloud = await startFakeCloud({
    credentials: { [CONNECTOR_ID]: SECRET },
    onConnect: (send) => send(configFor({ r1: s })),
  });
  const c = await runConnector(cloud, stateDir ? { stateDir } : {});
  // The hello sent after applying this cloud's config lists the router.
  await cloud.waitFor((m) => m.type === "hello" && m.routers.length === 1);
  return { s, cloud, c };
}

const adds = (commands: string[][]) => commands.filter((w) => w[0] === "/ppp/secret/add").length;

describe("commands", () => {
  it("a router that refuses the connection: the result (the customer's reason in the cloud) says so in words", async () => {
    const down = await sim();
    const port = down.port;
    await down.close();
    const cloud = await startFakeCloud({
      credentials: { [CONNECTOR_ID]: SECRET },
      onConnect: (send) => send(configFor({ r1: { ...down, port } as typeof down })),
    });
    await runConnector(cloud);
    await cloud.waitFor((m) => m.type === "hello" && m.routers.length === 1);
    cloud.send(ensureSecret("cmd-down"));
    const result = await cloud.waitFor(resultFor("cmd-down"));
    expect(result).toMatchObject({
      ok: false,
      error: { code: "connection", retryable: true, message: `connection refused by 127.0.0.1:${port}` },
    });
  });

  it("runs a command against the router and sends its result", async () => {
    const { s, cloud } = await setup();
    cloud.send(ensureSecret("cmd-1"));
    const result = await cloud.waitFor(resultFor("cmd-1"));
    expect(result).toMatchObject({ ok: true, data: { action: "created" } });
    expect(s.state.secrets.byName("budi")).toMatchObject({ comment: "rtrw:cust-1", service: "pppoe" });
  });

  it("answers a resent command (same id) from memory without running it again", async () => {
    const { s, cloud } = await setup();
    cloud.send(ensureSecret("cmd-1"));
    const first = await cloud.waitFor(resultFor("cmd-1"));
    const routerCommands = s.commands.length;
    // Meanwhile someone changes the router; a re-run would report "updated".
    const row = s.state.secrets.byName("budi");
    if (row) row.password = "changed-by-hand";
    cloud.send(ensureSecret("cmd-1"));
    await until(() => cloud.received.filter(resultFor("cmd-1")).length === 2, 5_000, "second result");
    const second = cloud.received.filter(resultFor("cmd-1"))[1];
    expect(second).toEqual(first);
    expect(s.commands.length).toBe(routerCommands);
  });

  it("runs a command sent twice at once only once", async () => {
    const { s, cloud } = await setup();
    s.setFault("delayMs", 50);
    cloud.send(ensureSecret("cmd-2"));
    cloud.send(ensureSecret("cmd-2"));
    await until(() => cloud.received.filter(resultFor("cmd-2")).length === 2, 5_000, "two results");
    expect(adds(s.commands)).toBe(1);
    expect(s.commands.filter((w) => w[0] === "/ppp/secret/print")).toHaveLength(1);
  });

  it("remembers results across a restart", async () => {
    const stateDir = await tempDir();
    const a = await setup(stateDir);
    a.cloud.send(ensureSecret("cmd-3"));
    const first = await a.cloud.waitFor(resultFor("cmd-3"));
    await a.c.stop();
    const b = await setup(stateDir);
    b.cloud.send(ensureSecret("cmd-3"));
    expect(await b.cloud.waitFor(resultFor("cmd-3"))).toEqual(first);
    expect(b.s.commands).toEqual([]);
  });

  it("does not remember a retryable failure: the resend after the router returns runs", async () => {
    const { s, cloud } = await setup();
    s.setFault("dropOnCommand", "/ppp/secret/print");
    cloud.send(ensureSecret("cmd-4"));
    const failed = await cloud.waitFor(resultFor("cmd-4"));
    expect(failed).toMatchObject({ ok: false, error: { code: "connection", retryable: true } });
    s.setFault("dropOnCommand", undefined);
    cloud.send(ensureSecret("cmd-4"));
    await until(() => cloud.received.filter(resultFor("cmd-4")).length === 2, 5_000, "second result");
    expect(cloud.received.filter(resultFor("cmd-4"))[1]).toMatchObject({ ok: true, data: { action: "created" } });
  });

  it("applies the effect once when the reply is lost after the router ran it", async () => {
    const { s, cloud } = await setup();
    s.setFault("dropAfterExecute", "/ppp/secret/add");
    cloud.send(ensureSecret("cmd-5"));
    expect(await cloud.waitFor(resultFor("cmd-5"))).toMatchObject({ ok: false, error: { retryable: true } });
    s.setFault("dropAfterExecute", undefined);
    cloud.send(ensureSecret("cmd-5"));
    await until(() => cloud.received.filter(resultFor("cmd-5")).length === 2, 5_000, "second result");
    expect(cloud.received.filter(resultFor("cmd-5"))[1]).toMatchObject({ ok: true, data: { action: "unchanged" } });
    expect(s.state.secrets.rows).toHaveLength(1);
    expect(adds(s.commands)).toBe(1);
  });

  it("does not run a command past its deadline, nor one for an unknown router", async () => {
    const { s, cloud } = await setup();
    cloud.send({ ...ensureSecret("cmd-6"), deadline: new Date(Date.now() - 1).toISOString() });
    cloud.send({ ...ensureSecret("cmd-7"), routerId: "r-unknown" });
    expect(await cloud.waitFor(resultFor("cmd-6"))).toMatchObject({
      ok: false,
      error: { code: "deadline", retryable: false },
    });
    expect(await cloud.waitFor(resultFor("cmd-7"))).toMatchObject({
      ok: false,
      error: { code: "unknown_router", retryable: true },
    });
    expect(s.commands).toEqual([]);
  });
});
