import { expect, describe as group, it } from "vitest";
import type { Role } from "../../../src/services/context";
import { authHeaders, HubClient, tokenFor } from "../../durable-objects/hub-client";
import { api, describe, platformHeaders } from "../../support/api";
import { createTestTenant, type TestTenant } from "../../support/harness";

/** A socket opened through the real Worker route as the tenant's seeded user of `role`. */
async function connect(t: TestTenant, role: Role): Promise<HubClient> {
  const { res, client } = await HubClient.viaApi(`?access_token=${await tokenFor(t, role)}`, t.headers);
  if (!client) throw new Error(`no socket: ${res.status} ${await res.text()}`);
  await client.next((m) => m.event === "connected");
  return client;
}

/** The close event, or "open" when none came within `ms`. */
async function closeOf(client: HubClient, ms = 3000): Promise<{ code: number } | "open"> {
  const timeout = new Promise<"open">((r) => setTimeout(() => r("open"), ms));
  return Promise.race([client.closed.then((e) => ({ code: e.code })), timeout]);
}

/** Still open and served: the heartbeat is answered. */
async function expectOpen(client: HubClient): Promise<void> {
  expect(await closeOf(client, 50)).toBe("open");
  client.send("ping");
  await client.nextRaw("pong");
}

group("realtime sockets end with the access they were opened with", () => {
  it("deactivating a user closes that user's sockets (4001); another user's socket stays open", async () => {
    const t = await createTestTenant();
    const [victim, bystander] = [await connect(t, "technician"), await connect(t, "operator")];
    const res = await api(`/api/v1/users/${t.users.technician.id}`, {
      method: "DELETE",
      headers: await authHeaders(t, "admin"),
    });
    expect(res.status, describe(res)).toBe(204);
    expect(await closeOf(victim)).toEqual({ code: 4001 });
    await expectOpen(bystander);
    bystander.close();
  });

  it("a role change closes the user's sockets; a rename does not", async () => {
    const t = await createTestTenant();
    const admin = await authHeaders(t, "admin");
    const [demoted, bystander] = [await connect(t, "operator"), await connect(t, "viewer")];
    const rename = await api(`/api/v1/users/${t.users.operator.id}`, {
      method: "PATCH",
      headers: admin,
      body: { name: "Operator Baru" },
    });
    expect(rename.status, describe(rename)).toBe(200);
    await expectOpen(demoted);
    const res = await api(`/api/v1/users/${t.users.operator.id}`, {
      method: "PATCH",
      headers: admin,
      body: { role: "viewer" },
    });
    expect(res.status, describe(res)).toBe(200);
    expect(await closeOf(demoted)).toEqual({ code: 4001 });
    await expectOpen(bystander);
    bystander.close();
  });

  it("a password change closes the user's own sockets", async () => {
    const t = await createTestTenant();
    const [own, bystander] = [await connect(t, "viewer"), await connect(t, "admin")];
    const res = await api("/api/v1/users/me/password", {
      headers: await authHeaders(t, "viewer"),
      body: { current_password: t.users.viewer.password, new_password: "a-fresh-password-1" },
    });
    expect(res.status, describe(res)).toBe(204);
    expect(await closeOf(own)).toEqual({ code: 4001 });
    await expectOpen(bystander);
    bystander.close();
  });

  it("deactivating the tenant closes all of its sockets; another tenant's socket stays open", async () => {
    const [t, other] = [await createTestTenant(), await createTestTenant()];
    const sockets = [await connect(t, "admin"), await connect(t, "viewer")];
    const elsewhere = await connect(other, "admin");
    const res = await api(`/api/v1/platform/tenants/${t.id}`, {
      method: "PATCH",
      headers: platformHeaders(),
      body: { isActive: false },
    });
    expect(res.status, describe(res)).toBe(200);
    for (const s of sockets) expect(await closeOf(s)).toEqual({ code: 4001 });
    await expectOpen(elsewhere);
    elsewhere.close();
  });

  it("deleting the tenant closes all of its sockets", async () => {
    const t = await createTestTenant({ keep: true });
    const socket = await connect(t, "technician");
    const res = await api(`/api/v1/platform/tenants/${t.id}`, { method: "DELETE", headers: platformHeaders() });
    expect(res.status, describe(res)).toBe(204);
    expect(await closeOf(socket)).toEqual({ code: 4001 });
  });
});
