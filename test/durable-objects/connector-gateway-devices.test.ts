import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { domainEvents } from "../../src/db/schema";
import type { Config } from "../../src/protocol";
import { api } from "../support/api";
import { testDb } from "../support/db";
import { enrollAndHello, seedConnectorNetwork } from "./connector-seed";
import { eventually, must } from "./fake-connector";

type Device = { id: string; status: string; lastSeen: string | null; connectorId: string | null };
type Alert = { id: string; status: string; entityId: string };

async function statusEvents(tenantId: string, deviceId: string) {
  const h = testDb("system");
  try {
    const rows = await h.db
      .select({ data: domainEvents.data })
      .from(domainEvents)
      .where(
        and(
          eq(domainEvents.tenantId, tenantId),
          eq(domainEvents.entityType, "device"),
          eq(domainEvents.entityId, deviceId),
          eq(domainEvents.action, "status_change"),
        ),
      )
      .orderBy(domainEvents.id);
    return rows.map((r) => (r.data as { status: { old: string; new: string } }).status);
  } finally {
    await h.close();
  }
}

describe("ConnectorGateway: device probing", () => {
  it("gives the connector its devices; probe rounds set status, last_seen, one alert and one event per change", async () => {
    const net = await seedConnectorNetwork();
    const { conn } = await enrollAndHello(net);
    const device = await must<Device>(201, "/api/v1/devices", {
      headers: net.admin,
      body: { name: "OLT Melati", type: "olt", ipAddress: "192.168.88.2", port: 23, connectorId: net.connectorId },
    });
    expect(device).toMatchObject({ status: "unknown", lastSeen: null, connectorId: net.connectorId });
    const config = (await conn.next((m) => m.type === "config" && (m.devices?.length ?? 0) > 0)) as Config;
    expect(config.devices).toEqual([{ deviceId: device.id, host: "192.168.88.2", port: 23 }]);

    const read = () => must<Device>(200, `/api/v1/devices/${device.id}`, { headers: net.admin });
    const alerts = async () =>
      (
        await must<{ data: Alert[] }>(200, `/api/v1/alerts?type=device_offline&entityId=${device.id}`, {
          headers: net.admin,
        })
      ).data;
    const round = (reachable: boolean, ts: string) =>
      conn.send({ type: "devices", ts, devices: [{ deviceId: device.id, reachable }] });

    round(true, "2026-11-24T08:00:00.000Z");
    expect(await eventually(read, (d) => d.status === "online")).toMatchObject({
      status: "online",
      lastSeen: "2026-11-24T08:00:00.000Z",
    });
    round(false, "2026-11-24T08:00:30.000Z");
    round(false, "2026-11-24T08:01:00.000Z");
    const offline = await eventually(read, (d) => d.status === "offline");
    expect(offline.lastSeen).toBe("2026-11-24T08:00:00.000Z"); // the last contact is kept (Property 24)
    await eventually(alerts, (a) => a.length > 0);
    round(false, "2026-11-24T08:01:30.000Z");
    round(true, "2026-11-24T08:02:00.000Z");
    expect(await eventually(read, (d) => d.status === "online")).toMatchObject({
      lastSeen: "2026-11-24T08:02:00.000Z",
    });
    const after = await eventually(alerts, (a) => a.every((x) => x.status === "resolved"));
    expect(after.map((a) => a.status)).toEqual(["resolved"]); // one alert for the whole outage (Property 40)
    expect(await statusEvents(net.tenant.id, device.id)).toEqual([
      { old: "unknown", new: "online" },
      { old: "online", new: "offline" },
      { old: "offline", new: "online" },
    ]);
    conn.close();
  });

  it("ignores rounds about devices it was not given; unassigning a device takes it out of the config", async () => {
    const net = await seedConnectorNetwork();
    const { conn } = await enrollAndHello(net);
    const other = await seedConnectorNetwork(); // another tenant's device, and one of ours without a connector
    const foreign = await must<Device>(201, "/api/v1/devices", {
      headers: other.admin,
      body: { name: "AP", type: "ap", ipAddress: "10.9.9.9", connectorId: other.connectorId },
    });
    const unassigned = await must<Device>(201, "/api/v1/devices", {
      headers: net.admin,
      body: { name: "Switch", type: "switch", ipAddress: "10.0.0.7" },
    });
    const mine = await must<Device>(201, "/api/v1/devices", {
      headers: net.admin,
      body: { name: "AP RT 03", type: "ap", ipAddress: "10.0.0.8", connectorId: net.connectorId },
    });
    await conn.next((m) => m.type === "config" && (m.devices?.length ?? 0) === 1);
    conn.send({
      type: "devices",
      ts: new Date().toISOString(),
      devices: [
        { deviceId: foreign.id, reachable: false },
        { deviceId: unassigned.id, reachable: true },
        { deviceId: mine.id, reachable: true },
      ],
    });
    await eventually(
      () => must<Device>(200, `/api/v1/devices/${mine.id}`, { headers: net.admin }),
      (d) => d.status === "online",
    );
    expect((await must<Device>(200, `/api/v1/devices/${unassigned.id}`, { headers: net.admin })).status).toBe(
      "unknown",
    );
    expect((await must<Device>(200, `/api/v1/devices/${foreign.id}`, { headers: other.admin })).status).toBe("unknown");
    const overview = await must<{ devices: unknown }>(200, "/api/v1/monitoring/overview", { headers: net.admin });
    expect(overview.devices).toEqual({ total: 2, online: 1, offline: 0, unknown: 1 });

    const moved = await api<Device>(`/api/v1/devices/${mine.id}`, {
      method: "PATCH",
      headers: net.admin,
      body: { connectorId: null },
    });
    expect(moved.status).toBe(200);
    await conn.next((m) => m.type === "config" && (m.devices?.length ?? -1) === 0);
    conn.close();
  });
});
