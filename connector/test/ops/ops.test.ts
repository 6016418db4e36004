import { describe, expect, it } from "vitest";
import type { Op } from "../../../src/protocol/index.ts";
import { OpError, runOp } from "../../src/ops/index.ts";
import { session, sim } from "../support/sim.ts";

const secret = (over: Partial<Record<string, unknown>> = {}) =>
  ({
    op: "ensureSecret",
    args: {
      name: "budi",
      password: "pw1",
      profile: "default",
      service: "pppoe",
      comment: "cust-1",
      disabled: false,
      ...over,
    },
  }) as const;

describe("ensureSecret", () => {
  it("adds when missing, does nothing when it matches, sets only what differs", async () => {
    const s = await sim();
    const r = session(s);
    expect(await runOp(r, secret())).toMatchObject({ action: "created" });
    expect(s.state.secrets.byName("budi")).toMatchObject({
      password: "pw1",
      comment: "rtrw:cust-1",
      disabled: "false",
    });
    const before = s.commands.length;
    expect(await runOp(r, secret())).toMatchObject({ action: "unchanged", changed: [] });
    expect(s.commands.slice(before).map((c) => c[0])).toEqual(["/ppp/secret/print"]);
    expect(await runOp(r, secret({ password: "pw2", disabled: true }))).toMatchObject({
      action: "updated",
      changed: ["password", "disabled"],
    });
    expect(s.state.secrets.byName("budi")).toMatchObject({ password: "pw2", disabled: "true" });
    expect(s.state.secrets.rows).toHaveLength(1);
  });

  it("refuses a hand-made secret of the same name and leaves it exactly as it was", async () => {
    const s = await sim();
    s.state.secrets.insert({ name: "budi", password: "old", profile: "default", service: "any", disabled: "false" });
    const before = { ...s.state.secrets.byName("budi") };
    const e = await runOp(session(s), secret()).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(OpError);
    expect(e).toMatchObject({
      code: "not_managed",
      retryable: false,
      message: "a secret with this name (budi) exists on the router and is not managed here",
    });
    expect(s.state.secrets.byName("budi")).toEqual(before);
    expect(s.commands.filter((c) => c[0] === "/ppp/secret/set" || c[0] === "/ppp/secret/add")).toEqual([]);
  });

  it("updates a secret tagged as ours for another customer (a managed secret, not a hand-made one)", async () => {
    const s = await sim();
    const r = session(s);
    await runOp(r, secret({ comment: "cust-2" }));
    expect(await runOp(r, secret())).toMatchObject({ action: "updated", changed: ["comment"] });
    expect(s.state.secrets.byName("budi")?.comment).toBe("rtrw:cust-1");
  });

  it("fails with the router's trap when the profile does not exist", async () => {
    const s = await sim();
    const e = await runOp(session(s), secret({ profile: "nope" })).catch((x: unknown) => x);
    expect(e).toMatchObject({ kind: "trap", message: "input does not match any value of profile" });
  });
});

describe("ensureProfile", () => {
  it("creates a profile with pool, DNS and our comment, then updates the rate limit only", async () => {
    const s = await sim();
    s.state.pools.insert({ name: "pool-pppoe", ranges: "10.10.0.2-10.10.3.254", "next-pool": "none" });
    const r = session(s);
    const args = {
      name: "10M",
      rateLimit: "10M/10M",
      localAddress: "10.10.0.1",
      remoteAddressPool: "pool-pppoe",
      dnsServers: ["8.8.8.8", "1.1.1.1"],
      planId: "plan-1",
    };
    const op: Op = { op: "ensureProfile", args };
    expect(await runOp(r, op)).toMatchObject({ action: "created" });
    expect(s.state.profiles.byName("10M")).toMatchObject({
      "rate-limit": "10M/10M",
      "remote-address": "pool-pppoe",
      "dns-server": "8.8.8.8,1.1.1.1",
      comment: "rtrw:plan-1",
    });
    expect(await runOp(r, op)).toMatchObject({ action: "unchanged" });
    expect(await runOp(r, { op: "ensureProfile", args: { ...args, rateLimit: "20M/20M" } })).toMatchObject({
      changed: ["rate-limit"],
    });
  });
});

describe("setSecretDisabled", () => {
  it("disables and re-enables; a missing secret is not_found", async () => {
    const s = await sim();
    const r = session(s);
    await runOp(r, secret());
    expect(await runOp(r, { op: "setSecretDisabled", args: { name: "budi", disabled: true } })).toMatchObject({
      changed: true,
    });
    expect(await runOp(r, { op: "setSecretDisabled", args: { name: "budi", disabled: true } })).toMatchObject({
      changed: false,
    });
    expect(s.state.secrets.byName("budi")?.disabled).toBe("true");
    const e = await runOp(r, { op: "setSecretDisabled", args: { name: "ghost", disabled: true } }).catch(
      (x: unknown) => x,
    );
    expect(e).toBeInstanceOf(OpError);
    expect(e).toMatchObject({ code: "not_found", retryable: false });
  });
});

describe("ensureAbsent", () => {
  it("removes ours, is fine when already gone, and never removes what is not ours", async () => {
    const s = await sim();
    const r = session(s);
    await runOp(r, secret());
    expect(await runOp(r, { op: "ensureAbsent", args: { path: "/ppp/secret", name: "budi" } })).toEqual({
      removed: true,
    });
    expect(await runOp(r, { op: "ensureAbsent", args: { path: "/ppp/secret", name: "budi" } })).toEqual({
      removed: false,
    });
    s.state.secrets.insert({ name: "manual", password: "x", profile: "default", service: "any", disabled: "false" });
    const e = await runOp(r, { op: "ensureAbsent", args: { path: "/ppp/secret", name: "manual" } }).catch(
      (x: unknown) => x,
    );
    expect(e).toMatchObject({ code: "not_managed", retryable: false });
    expect(s.state.secrets.byName("manual")).toMatchObject({ password: "x", service: "any" });
    expect(s.commands.filter((c) => c[0] === "/ppp/secret/remove")).toHaveLength(1);
  });

  it("does not disable a hand-made secret either", async () => {
    const s = await sim();
    s.state.secrets.insert({ name: "manual", password: "x", profile: "default", service: "any", disabled: "false" });
    const e = await runOp(session(s), { op: "setSecretDisabled", args: { name: "manual", disabled: true } }).catch(
      (x: unknown) => x,
    );
    expect(e).toMatchObject({ code: "not_managed" });
    expect(s.state.secrets.byName("manual")?.disabled).toBe("false");
  });
});

describe("sessions", () => {
  it("gets and kicks a session (with its dynamic queue); kicking nobody is fine", async () => {
    const s = await sim();
    const r = session(s);
    await runOp(r, { op: "ensureProfile", args: { name: "5M", rateLimit: "5M/5M" } });
    await runOp(r, secret({ profile: "5M" }));
    s.state.injectSession("budi", { address: "10.10.0.9", uptime: "1h2m3s" });
    expect(s.state.queues.byName("<pppoe-budi>")).toMatchObject({ dynamic: "true", "max-limit": "5M/5M" });
    expect(await runOp(r, { op: "getSession", args: { name: "budi" } })).toMatchObject({
      session: { name: "budi", address: "10.10.0.9", uptimeSeconds: 3723, service: "pppoe" },
    });
    expect(await runOp(r, { op: "kickSession", args: { name: "budi" } })).toEqual({ kicked: 1 });
    expect(s.state.active.rows).toEqual([]);
    expect(s.state.queues.byName("<pppoe-budi>")).toBeUndefined();
    expect(await runOp(r, { op: "kickSession", args: { name: "budi" } })).toEqual({ kicked: 0 });
    expect(await runOp(r, { op: "getSession", args: { name: "budi" } })).toEqual({ session: null });
  });
});

describe("listManaged and testRouter", () => {
  it("lists only objects with our tag, with the secrets' passwords a full-rights API user can read", async () => {
    const s = await sim();
    const r = session(s);
    await runOp(r, { op: "ensureProfile", args: { name: "5M", rateLimit: "5M/5M", planId: "plan-5" } });
    await runOp(r, secret({ profile: "5M", disabled: true }));
    s.state.secrets.insert({ name: "manual", password: "x", profile: "default", service: "any", disabled: "false" });
    expect(await runOp(r, { op: "listManaged", args: {} })).toEqual({
      secrets: [{ name: "budi", customerId: "cust-1", profile: "5M", disabled: true, password: "pw1" }],
      profiles: [{ name: "5M", planId: "plan-5", rateLimit: "5M/5M" }],
    });
  });

  it("reports identity, version and resources", async () => {
    const s = await sim({ mode: "6.43" });
    s.state.identity = "rw-05";
    expect(await runOp(session(s), { op: "testRouter", args: {} })).toMatchObject({
      identity: "rw-05",
      version: "6.49.10 (long-term)",
      cpuLoad: 3,
      totalMemory: 1_073_741_824,
    });
  });
});
