import type { Command } from "../../src/protocol";
import { createTestTenant, loginAs, type TestTenant } from "../support/harness";
import { FakeConnector, must } from "./fake-connector";

let n = 0;
const tag = () => `${Date.now().toString(36)}${++n}`;

export interface ConnectorNetwork {
  tenant: TestTenant;
  admin: Record<string, string>;
  connectorId: string;
  enrollmentToken: string;
  planId: string;
  routerId: string;
}

/** A tenant (removed after the test) with a connector, a plan and a router behind the connector. */
export async function seedConnectorNetwork(opts: { routerHost?: string; routerPort?: number } = {}) {
  const tenant = await createTestTenant();
  const admin = (await loginAs(tenant, "admin")).headers;
  const enrollment = await must<{ id: string; enrollment_token: string }>(201, "/api/v1/connectors", {
    headers: admin,
    body: { name: `Connector ${tag()}` },
  });
  const plan = await must<{ id: string }>(201, "/api/v1/service-plans", {
    headers: admin,
    body: { name: `Paket ${tag()}`, speedDownloadMbps: 20, speedUploadMbps: 10, price: 200_000 },
  });
  const router = await must<{ id: string }>(201, "/api/v1/routers", {
    headers: admin,
    body: {
      name: `Router ${tag()}`,
      host: opts.routerHost ?? "10.0.0.1",
      apiPort: opts.routerPort ?? 8728,
      username: "rtrw-api",
      password: "router-pass-1",
      connectorId: enrollment.id,
    },
  });
  return {
    tenant,
    admin,
    connectorId: enrollment.id,
    enrollmentToken: enrollment.enrollment_token,
    planId: plan.id,
    routerId: router.id,
  } satisfies ConnectorNetwork;
}

/** Enrolls with the token and says hello; resolves with the connected connector and its secret. */
export async function enrollAndHello(net: ConnectorNetwork) {
  const { conn } = await FakeConnector.connect(net.enrollmentToken);
  if (!conn) throw new Error("enrollment refused");
  const enrolled = await conn.next((m) => m.type === "enrolled");
  if (enrolled.type !== "enrolled") throw new Error("unreachable");
  conn.hello(net.connectorId, [{ routerId: net.routerId, reachable: true, version: "7.18.2" }]);
  await conn.next((m) => m.type === "config");
  return { conn, secret: enrolled.secret };
}

/** Creates a customer on the network's router and plan. */
export async function createCustomer(net: ConnectorNetwork, extra: Record<string, unknown> = {}) {
  return must<{ id: string; pppoeUsername: string }>(201, "/api/v1/customers", {
    headers: net.admin,
    body: {
      name: "Siti Aminah",
      phone: "081234567890",
      address: "Jl. Melati 3",
      servicePlanId: net.planId,
      routerId: net.routerId,
      pppoePassword: "rahasia123",
      ...extra,
    },
  });
}

/** Answers every ensure/kick command like a router that applied it (until `stop`). */
export function okData(cmd: Command): unknown {
  switch (cmd.op) {
    case "ensureProfile":
    case "ensureSecret":
      return { id: "*1", action: "created", changed: [] };
    case "setSecretDisabled":
      return { id: "*1", changed: true };
    case "ensureAbsent":
      return { removed: true };
    case "kickSession":
      return { kicked: 1 };
    default:
      return {};
  }
}
