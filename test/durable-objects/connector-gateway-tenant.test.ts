import { describe, expect, it } from "vitest";
import { CLOSE_CODES, credentialToken } from "../../src/protocol";
import { platformHeaders } from "../support/api";
import { createCustomer, enrollAndHello, seedConnectorNetwork } from "./connector-seed";
import { eventually, FakeConnector, gatewayOf, must } from "./fake-connector";

const setActive = (tenantId: string, isActive: boolean) =>
  must(200, `/api/v1/platform/tenants/${tenantId}`, {
    method: "PATCH",
    headers: platformHeaders(),
    body: { isActive },
  });

/** Property 2 (tenant isolation): a deactivated or deleted tenant's connectors lose their access at once. */
describe("ConnectorGateway: the tenant's lifecycle", () => {
  it("deactivating closes the connector with 4001, keeps its queue and refuses it until reactivated", async () => {
    const net = await seedConnectorNetwork();
    const { conn, secret } = await enrollAndHello(net);
    await createCustomer(net);
    await conn.nextCommand("ensureProfile"); // in flight, unanswered; ensureSecret waits behind it

    await setActive(net.tenant.id, false);
    expect((await conn.closed).code).toBe(CLOSE_CODES.unauthorized);
    const token = credentialToken(net.connectorId, secret);
    expect((await FakeConnector.connect(token)).res.status).toBe(401);
    expect((await FakeConnector.connect(token, "?check=1")).res.status).toBe(401);
    expect(await gatewayOf(net.connectorId).status()).toMatchObject({ connected: false, queued: 1, inFlight: 1 });

    await setActive(net.tenant.id, true);
    const again = await FakeConnector.connect(token);
    expect(again.res.status).toBe(101);
    if (!again.conn) throw new Error("no socket");
    again.conn.hello(net.connectorId, [{ routerId: net.routerId, reachable: true }]);
    // The kept queue resumes where it stopped: the unanswered command is sent again.
    expect(await again.conn.nextCommand("ensureProfile")).toMatchObject({ routerId: net.routerId });
    again.conn.close();
  });

  it("a deactivated tenant's enrollment token is refused and stays usable after reactivation", async () => {
    const net = await seedConnectorNetwork();
    await setActive(net.tenant.id, false);
    expect((await FakeConnector.connect(net.enrollmentToken)).res.status).toBe(401);
    await setActive(net.tenant.id, true);
    const { conn } = await enrollAndHello(net);
    conn.close();
  });

  it("deleting closes the connector with 4001 and drops its gateway's outbox", async () => {
    const net = await seedConnectorNetwork();
    const { conn, secret } = await enrollAndHello(net);
    await createCustomer(net);
    await conn.nextCommand("ensureProfile");
    const before = await gatewayOf(net.connectorId).status();
    expect(before.queued + before.inFlight).toBe(2);

    await must(204, `/api/v1/platform/tenants/${net.tenant.id}`, { method: "DELETE", headers: platformHeaders() });
    expect((await conn.closed).code).toBe(CLOSE_CODES.unauthorized);
    expect((await FakeConnector.connect(credentialToken(net.connectorId, secret))).res.status).toBe(401);
    const after = await eventually(
      () => gatewayOf(net.connectorId).status(),
      (s) => !s.connected,
    );
    expect(after).toMatchObject({ connected: false, queued: 0, inFlight: 0, routers: [], recent: [] });
  });

  it("deactivating another tenant leaves a connector connected", async () => {
    const net = await seedConnectorNetwork();
    const other = await seedConnectorNetwork();
    const { conn } = await enrollAndHello(net);
    await setActive(other.tenant.id, false);
    expect(await gatewayOf(net.connectorId).status()).toMatchObject({ connected: true });
    conn.close();
  });
});
