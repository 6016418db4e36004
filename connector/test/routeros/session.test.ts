import { describe, expect, it } from "vitest";
import type { SimMode } from "../../sim/index.ts";
import { RouterOsError } from "../../src/routeros/errors.ts";
import { session, sim } from "../support/sim.ts";

const MODES: SimMode[] = ["6.43", "7.18", "legacy-challenge"];

describe.each(MODES)("node-routeros against the simulator in %s mode", (mode) => {
  it("logs in and reads identity and resources", async () => {
    const s = await sim({ mode });
    const r = session(s);
    expect(await r.call(["/system/identity/print"])).toEqual([{ name: "MikroTik" }]);
    const [res] = await r.call(["/system/resource/print", "=.proplist=version,cpu-load"]);
    expect(res).toEqual({ version: s.state.version, "cpu-load": "3" });
    expect(r.status.connected).toBe(true);
  });

  it("adds, finds by query, sets and removes a secret", async () => {
    const s = await sim({ mode });
    const r = session(s);
    const [added] = await r.call([
      "/ppp/secret/add",
      "=name=budi",
      "=password=pw",
      "=service=pppoe",
      "=comment=rtrw:c1",
    ]);
    expect(added?.ret).toMatch(/^\*[0-9A-F]+$/);
    const found = await r.call(["/ppp/secret/print", "?comment=rtrw:c1", "=.proplist=.id,name,disabled"]);
    expect(found).toEqual([{ ".id": added?.ret, name: "budi", disabled: "false" }]);
    await r.call(["/ppp/secret/set", `=.id=${added?.ret}`, "=disabled=yes"]);
    expect(s.state.secrets.byName("budi")?.disabled).toBe("true");
    await r.call(["/ppp/secret/remove", `=.id=${added?.ret}`]);
    expect(s.state.secrets.rows).toEqual([]);
  });

  it("returns no rows for a print that matches nothing (7.18: !empty, without crashing)", async () => {
    const s = await sim({ mode });
    const r = session(s);
    expect(await r.call(["/ppp/secret/print", "?name=nobody"])).toEqual([]);
    expect(await r.call(["/ppp/active/print"])).toEqual([]);
    // The session is still healthy afterwards.
    expect(await r.call(["/system/identity/print"])).toEqual([{ name: "MikroTik" }]);
  });

  it("classifies a !trap and keeps the session usable", async () => {
    const s = await sim({ mode });
    const r = session(s);
    await r.call(["/ppp/secret/add", "=name=budi"]);
    const dup = await r.call(["/ppp/secret/add", "=name=budi"]).catch((e: unknown) => e);
    expect(dup).toBeInstanceOf(RouterOsError);
    expect(dup).toMatchObject({ kind: "trap", message: "failure: secret with the same name already exists" });
    expect((dup as RouterOsError).alreadyExists).toBe(true);
    expect((dup as RouterOsError).retryable).toBe(true);
    const unknown = await r.call(["/ppp/secret/add", "=name=x", "=speed=1"]).catch((e: unknown) => e);
    expect(unknown).toMatchObject({ kind: "trap", message: "unknown parameter", retryable: false });
    const nocmd = await r.call(["/ppp/nothing/print"]).catch((e: unknown) => e);
    expect(nocmd).toMatchObject({ kind: "trap", message: "no such command" });
    expect(await r.call(["/ppp/secret/print", "=.proplist=name"])).toEqual([{ name: "budi" }]);
  });

  it("refuses wrong credentials as an auth error", async () => {
    const s = await sim({ mode });
    const r = session(s, {}, "wrong");
    const e = await r.call(["/system/identity/print"]).catch((x: unknown) => x);
    expect(e).toMatchObject({ kind: "auth", retryable: false });
    expect(r.status.lastError?.kind).toBe("auth");
  });

  it("runs concurrent calls one at a time, in call order", async () => {
    const s = await sim({ mode });
    const r = session(s);
    const names = Array.from({ length: 20 }, (_, i) => `u${i}`);
    await Promise.all(names.map((n) => r.call(["/ppp/secret/add", `=name=${n}`])));
    expect(s.state.secrets.rows.map((x) => x.name)).toEqual(names);
  });
});

describe("framing", () => {
  it("reads replies delivered in 3-byte pieces (partial frames)", async () => {
    const s = await sim({ faults: { fragmentBytes: 3 } });
    const r = session(s);
    for (let i = 0; i < 5; i++) await r.call(["/ppp/secret/add", `=name=user-${i}`, `=comment=${"c".repeat(200)}`]);
    const rows = await r.call(["/ppp/secret/print", "=.proplist=name,comment"]);
    expect(rows).toHaveLength(5);
    expect(rows[4]).toEqual({ name: "user-4", comment: "c".repeat(200) });
    expect(await r.call(["/ppp/secret/print", "?name=none"])).toEqual([]);
  });

  it("reads a 1000-row print in one call", async () => {
    const s = await sim({ mode: "6.43" });
    for (let i = 0; i < 1000; i++) {
      s.state.queues.insert({ ...s.state.queues.spec.defaults, name: `q${i}`, target: `10.0.${i >> 8}.${i & 255}/32` });
    }
    const rows = await session(s).call(["/queue/simple/print", "=.proplist=name,bytes"]);
    expect(rows).toHaveLength(1000);
    expect(rows[999]).toEqual({ name: "q999", bytes: "0/0" });
  });
});
