import { rmSync } from "node:fs";
import { type AddressInfo, createServer } from "node:net";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { type RouterOsSim, startRouterOsSim } from "../../connector/sim/index.ts";
import { type Api, type ConnectorProcess, PLATFORM_KEY, startConnector, startWorker, waitFor } from "./e2e-stack.ts";

/**
 * Issue 6 "Done means": the Worker in workerd (`wrangler dev`), Postgres, the real connector
 * process and the RouterOS simulator; only the router is simulated. Driven through the public API.
 */

let api: Api;
let sim: RouterOsSim;
let connector: ConnectorProcess;
let auth: Record<string, string>;
let plans: { basic: string; fast: string };
let routerId: string;
const lines: string[] = [];

type Customer = { id: string; pppoeUsername: string; provisioningState: string; provisioningError: string | null };

async function ok<T>(status: number, path: string, init: Parameters<Api["call"]>[1] = {}): Promise<T> {
  const res = await api.call<T>(path, { ...init, headers: { ...auth, ...init.headers } });
  if (res.status !== status)
    throw new Error(`${init.method ?? "GET"} ${path}: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
}

const secret = (name: string) => sim.state.secrets.byName(name);
const count = (word: string, name?: string) =>
  sim.commands.filter((c) => c[0] === word && (name === undefined || c.some((w) => w === `=name=${name}`))).length;
const applied = (id: string) =>
  waitFor(`customer ${id} applied`, async () => {
    const c = await ok<Customer>(200, `/api/v1/customers/${id}`);
    return c.provisioningState === "applied" ? c : undefined;
  });

async function newCustomer(name: string, planId = plans.basic, extra: Record<string, unknown> = {}): Promise<Customer> {
  return ok<Customer>(201, "/api/v1/customers", {
    body: {
      name,
      phone: "081234567890",
      address: "Jl. Melati 3",
      servicePlanId: planId,
      routerId,
      pppoePassword: "rahasia123",
      ...extra,
    },
  });
}

beforeAll(async () => {
  const db = inject("db");
  sim = await startRouterOsSim({ mode: "7.18", users: [{ name: "admin", password: "router-pw" }] });
  api = await startWorker(db, (l) => lines.push(l));
  const slug = `e2e-${Date.now().toString(36)}`;
  const created = await api.call<{ tenant: { id: string } }>("/api/v1/platform/tenants", {
    headers: { authorization: `Bearer ${PLATFORM_KEY}` },
    body: {
      name: "E2E ISP",
      slug,
      admin: { email: `admin@${slug}.test`, password: "correct-horse-battery", name: "A" },
    },
  });
  expect(created.status, JSON.stringify(created.body)).toBe(201);
  const login = await api.call<{ access_token: string }>("/api/v1/auth/login", {
    headers: { "x-tenant-id": slug },
    body: { email: `admin@${slug}.test`, password: "correct-horse-battery" },
  });
  auth = { "x-tenant-id": slug, authorization: `Bearer ${login.body.access_token}` };
  const basic = await ok<{ id: string }>(201, "/api/v1/service-plans", {
    body: { name: "Paket 10", speedDownloadMbps: 10, speedUploadMbps: 5, price: 150_000 },
  });
  const fast = await ok<{ id: string }>(201, "/api/v1/service-plans", {
    body: { name: "Paket 50", speedDownloadMbps: 50, speedUploadMbps: 20, price: 350_000 },
  });
  plans = { basic: basic.id, fast: fast.id };
  const enrollment = await ok<{ id: string; enrollment_token: string }>(201, "/api/v1/connectors", {
    body: { name: "Mini PC kantor" },
  });
  const router = await ok<{ id: string }>(201, "/api/v1/routers", {
    body: {
      name: "CCR Pusat",
      host: "127.0.0.1",
      apiPort: sim.port,
      username: "admin",
      password: "router-pw",
      connectorId: enrollment.id,
    },
  });
  routerId = router.id;
  connector = startConnector(api.url, enrollment.enrollment_token);
  await waitFor(
    "the connector online",
    async () => {
      const c = await ok<{ status: string; routers: { reachable: number } }>(
        200,
        `/api/v1/connectors/${enrollment.id}`,
      );
      return c.status === "online" ? c : undefined;
    },
    30_000,
  );
}, 150_000);

afterAll(async () => {
  await connector?.stop();
  if (connector) rmSync(connector.stateDir, { recursive: true, force: true });
  await api?.stop();
  await sim?.close();
});

describe("end to end: API → gateway → connector → router", () => {
  it("follows a customer through activation, suspension, plan change and termination", async () => {
    const c = await newCustomer("Siti");
    await applied(c.id);
    expect(secret(c.pppoeUsername)).toMatchObject({
      profile: `rtrw-plan-${plans.basic}`,
      disabled: "false",
      comment: `rtrw:${c.id}`,
    });
    expect(sim.state.profiles.byName(`rtrw-plan-${plans.basic}`)).toMatchObject({ "rate-limit": "5M/10M" });

    sim.state.injectSession(c.pppoeUsername);
    await ok(200, `/api/v1/customers/${c.id}/status`, { method: "PATCH", body: { status: "suspended" } });
    await applied(c.id);
    expect(secret(c.pppoeUsername)?.disabled).toMatch(/^(true|yes)$/);
    expect(sim.state.active.byName(c.pppoeUsername)).toBeUndefined();

    await ok(200, `/api/v1/customers/${c.id}/status`, { method: "PATCH", body: { status: "active" } });
    await applied(c.id);
    sim.state.injectSession(c.pppoeUsername);
    const kicksBefore = count("/ppp/active/remove");
    await ok(200, `/api/v1/customers/${c.id}`, { method: "PATCH", body: { servicePlanId: plans.fast } });
    await applied(c.id);
    expect(secret(c.pppoeUsername)).toMatchObject({ profile: `rtrw-plan-${plans.fast}`, disabled: "false" });
    expect(sim.state.profiles.byName(`rtrw-plan-${plans.fast}`)).toMatchObject({ "rate-limit": "20M/50M" });
    expect(sim.state.active.byName(c.pppoeUsername)).toBeUndefined();
    expect(count("/ppp/active/remove") - kicksBefore).toBe(1);

    await ok(200, `/api/v1/customers/${c.id}/status`, { method: "PATCH", body: { status: "terminated" } });
    await applied(c.id);
    expect(secret(c.pppoeUsername)).toBeUndefined();
  });

  it("kills the connector mid-command: after a restart the router ends right and each effect happened once", async () => {
    sim.setFault("delayMs", 1500);
    const c = await newCustomer("Budi");
    await waitFor("the secret add to reach the router", () =>
      count("/ppp/secret/add", c.pppoeUsername) > 0 ? true : undefined,
    );
    await connector.kill();
    sim.setFault("delayMs", undefined);
    connector = startConnector(api.url, undefined, connector.stateDir);
    await applied(c.id);
    expect(secret(c.pppoeUsername)).toMatchObject({ profile: `rtrw-plan-${plans.basic}`, disabled: "false" });
    expect(count("/ppp/secret/add", c.pppoeUsername)).toBe(1);
    expect(sim.state.secrets.rows.filter((r) => r.name === c.pppoeUsername)).toHaveLength(1);
  });

  it("waits while the router is down and applies the change once it is back", async () => {
    sim.setFault("closeOnConnect", true);
    sim.dropConnections();
    const c = await newCustomer("Wati");
    const waiting = await waitFor("the customer to wait for the router", async () => {
      const row = await ok<Customer>(200, `/api/v1/customers/${c.id}`);
      return row.provisioningError?.includes("waiting") ? row : undefined;
    });
    expect(waiting.provisioningState).toBe("pending");
    expect(secret(c.pppoeUsername)).toBeUndefined();
    await new Promise((r) => setTimeout(r, 2000));
    sim.setFault("closeOnConnect", undefined);
    await waitFor(
      "the change applied after the router returned",
      async () => {
        const row = await ok<Customer>(200, `/api/v1/customers/${c.id}`);
        return row.provisioningState === "applied" ? row : undefined;
      },
      45_000,
    );
    expect(secret(c.pppoeUsername)).toMatchObject({ disabled: "false" });
  });

  it("answers session lookups and router tests through the connector", async () => {
    const c = await newCustomer("Dewi");
    await applied(c.id);
    sim.state.injectSession(c.pppoeUsername, { address: "10.10.9.9" });
    const s = await ok<{ online: boolean; session: { address: string } }>(200, `/api/v1/customers/${c.id}/session`);
    expect(s).toMatchObject({ online: true, session: { address: "10.10.9.9" } });
    const kicked = await ok<{ kicked: number }>(200, `/api/v1/customers/${c.id}/session/disconnect`, {
      method: "POST",
    });
    expect(kicked.kicked).toBe(1);
    const test = await ok<{ reachable: boolean; credentialsOk: boolean; routerosVersion: string }>(
      200,
      `/api/v1/routers/${routerId}/test`,
      { method: "POST" },
    );
    expect(test).toMatchObject({ reachable: true, credentialsOk: true, routerosVersion: sim.state.version });
  });

  it("probes the devices assigned to the connector: online when their port answers, offline with an alert when not", async () => {
    const olt = createServer((socket) => socket.destroy());
    await new Promise<void>((r) => olt.listen(0, "127.0.0.1", r));
    const port = (olt.address() as AddressInfo).port;
    try {
      const connectorId = (await ok<{ data: { id: string }[] }>(200, "/api/v1/connectors")).data[0]?.id;
      const device = await ok<{ id: string }>(201, "/api/v1/devices", {
        body: { name: "OLT Melati", type: "olt", ipAddress: "127.0.0.1", port, connectorId },
      });
      const status = (want: string) =>
        waitFor(`device ${want}`, async () => {
          const d = await ok<{ status: string; lastSeen: string | null }>(200, `/api/v1/devices/${device.id}`);
          return d.status === want ? d : undefined;
        });
      // New devices are probed as soon as the connector's config has them, not at the next poll.
      expect((await status("online")).lastSeen).not.toBeNull();
      await new Promise<void>((r) => olt.close(() => r()));
      await ok(200, `/api/v1/devices/${device.id}`, { method: "PATCH", body: { port: port + 1 } });
      await status("offline");
      const alerts = await ok<{ data: { status: string }[] }>(
        200,
        `/api/v1/alerts?type=device_offline&entityId=${device.id}`,
      );
      expect(alerts.data.map((a) => a.status)).toEqual(["open"]);
    } finally {
      olt.close();
    }
  });

  it("never takes over or removes a secret made by hand with a customer's PPPoE username", async () => {
    sim.state.secrets.insert({
      ...sim.state.secrets.spec.defaults,
      name: "tetangga",
      password: "punya-operator",
      profile: "default",
      service: "any",
    });
    const handMade = { ...secret("tetangga") };
    const c = await newCustomer("Tetangga", plans.basic, { pppoeUsername: "tetangga" });
    const failed = await waitFor(`customer ${c.id} failed`, async () => {
      const x = await ok<Customer>(200, `/api/v1/customers/${c.id}`);
      return x.provisioningState === "failed" ? x : undefined;
    });
    expect(failed.provisioningError).toBe(
      "ensureSecret: not_managed: a secret with this name (tetangga) exists on the router and is not managed here",
    );
    expect(secret("tetangga")).toEqual(handMade);
    await ok(204, `/api/v1/customers/${c.id}`, { method: "DELETE" });
    // Commands of one router run in order: once a later customer is applied, the delete's ran.
    await applied((await newCustomer("Sesudah")).id);
    expect(secret("tetangga")).toEqual(handMade);
    expect(sim.commands.filter((w) => w[0] === "/ppp/secret/remove" || w[0] === "/ppp/secret/set")).not.toContainEqual(
      expect.arrayContaining([`=.id=${handMade[".id"]}`]),
    );
  });

  it("reconciles: reports drift on a dry run, fixes it without", async () => {
    const c = await newCustomer("Rina");
    await applied(c.id);
    // Someone changed the router by hand: our customer's secret disabled and its password changed,
    // an orphan left with our tag.
    const row = secret(c.pppoeUsername);
    if (row) {
      row.disabled = "true";
      row.password = "diganti-tangan";
    }
    sim.state.secrets.insert({
      ...sim.state.secrets.spec.defaults,
      name: "ghost",
      password: "x",
      comment: `rtrw:${c.id.replace(/.$/, "0")}`,
    });
    type Report = { drift: { kind: string; name: string }[]; enqueued: number | null; notes: string[] };
    const path = `/api/v1/routers/${routerId}/reconcile`;
    const dry = await ok<Report>(200, `${path}?dry_run=true`, { method: "POST" });
    const kinds = dry.drift.map((d) => `${d.kind}:${d.name}`);
    expect(kinds).toContain(`secret_disabled:${c.pppoeUsername}`);
    expect(kinds).toContain(`secret_password:${c.pppoeUsername}`);
    expect(kinds).toContain("orphan_secret:ghost");
    expect(JSON.stringify(dry)).not.toContain("diganti-tangan");
    // The fast plan's profile lost its last customer in the first test: idle, kept, not drift.
    expect(kinds.filter((k) => k.includes(`rtrw-plan-${plans.fast}`))).toEqual([]);
    expect(dry.notes.join("\n")).toContain(`rtrw-plan-${plans.fast}`);
    expect(dry.enqueued).toBeNull();
    expect(secret("ghost")).toBeDefined();
    const fixed = await ok<Report>(200, path, { method: "POST" });
    expect(fixed.enqueued).toBeGreaterThan(0);
    await waitFor("the drift fixed", () =>
      secret("ghost") === undefined &&
      secret(c.pppoeUsername)?.disabled === "false" &&
      secret(c.pppoeUsername)?.password === "rahasia123"
        ? true
        : undefined,
    );
    // Clean: a plan that emptied on the router no longer leaves drift no fix can clear.
    const after = await ok<Report>(200, `${path}?dry_run=true`, { method: "POST" });
    expect(after.drift).toEqual([]);
    expect(sim.state.profiles.byName(`rtrw-plan-${plans.fast}`)).toBeDefined();
  });
});

describe("end to end: email → queue → gateway → connector → the ISP's SMTP server", () => {
  it("relays the email of a tenant with delivery 'connector' through its connector", async () => {
    const sink = inject("smtp");
    const slug = auth["x-tenant-id"];
    // The global setup's local SMTP server stands in for the ISP's mail server; the Worker has no SMTP_URL.
    await ok(200, "/api/v1/settings/smtp", {
      method: "PUT",
      body: {
        host: "127.0.0.1",
        port: Number(new URL(sink.url).port),
        secureMode: "none",
        fromAddress: `billing@${slug}.test`,
        delivery: "connector",
      },
    });
    const email = `relay-${Date.now().toString(36)}@pelanggan.test`;
    const c = await ok<Customer & { email: string }>(201, "/api/v1/customers", {
      body: { name: "Ani", phone: "081234567891", address: "Jl. Mawar 1", servicePlanId: plans.basic, email },
    });
    const invoice = await ok<{ invoiceNumber: string }>(201, "/api/v1/payments", {
      body: { customerId: c.id, amount: 150_000, period: "2026-12" },
    });
    type SinkMail = { from: string; to: string[]; subject: string };
    const [mail] = await waitFor("the email in the ISP's mailbox", async () => {
      const list = (await (
        await fetch(`${sink.webUrl}/messages?to=${encodeURIComponent(email)}`)
      ).json()) as SinkMail[];
      return list.length > 0 ? list : undefined;
    });
    expect(mail).toMatchObject({ from: `billing@${slug}.test`, to: [email] });
    expect(mail?.subject).toContain(invoice.invoiceNumber);
    // It went through the connector: the connector ran sendMail (the Worker has no other mail server).
    // The sink has the message before the connector hears the server's last reply and logs it, and
    // before its result reaches the Worker: both are waited for.
    await waitFor("the connector's sendMail logged as done", async () =>
      connector.logs.some((l) => l.includes('"op":"sendMail"') && l.includes("command done")) ? true : undefined,
    );
    await waitFor("the delivery log says sent", async () => {
      const log = await ok<{ data: { recipient: string; status: string }[] }>(200, "/api/v1/notifications");
      return log.data.find((n) => n.recipient === email)?.status === "sent" ? true : undefined;
    });
  });
});
