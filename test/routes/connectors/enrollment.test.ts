import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { connectors } from "../../../src/db/schema";
import { credentialToken } from "../../../src/protocol";
import { confirmEnrollment } from "../../../src/services/connectors/authenticate";
import { eventually, FakeConnector } from "../../durable-objects/fake-connector";
import { api } from "../../support/api";
import { testDb } from "../../support/db";
import { type NetworkTenants, networkTenants } from "../../support/network-seed";

/**
 * The enrollment token stays usable until the connector has shown it holds the secret it was
 * issued (its `hello`, or a connect with the secret): a first connect that fails on the way
 * (gateway 503, socket dropped before `enrolled` arrived) must not lose the token.
 */

interface Enrollment {
  id: string;
  enrollment_token: string;
}

let fx: NetworkTenants;
beforeAll(async () => {
  fx = await networkTenants();
});
afterAll(() => fx.remove());

async function create(): Promise<Enrollment> {
  const res = await api<Enrollment>("/api/v1/connectors", { headers: fx.as.admin, body: { name: "Mini PC gudang" } });
  if (res.status !== 201) throw new Error(`create: ${res.status}`);
  return res.body;
}

async function tokenHash(id: string): Promise<string | null | undefined> {
  const { db, close } = testDb("system");
  try {
    return (await db.select().from(connectors).where(eq(connectors.id, id)))[0]?.enrollmentTokenHash;
  } finally {
    await close();
  }
}

/** Connects with the enrollment token and returns the issued secret (the socket stays open). */
async function enroll(token: string) {
  const { res, conn } = await FakeConnector.connect(token);
  expect(res.status).toBe(101);
  const enrolled = await conn?.next((m) => m.type === "enrolled");
  if (!conn || enrolled?.type !== "enrolled") throw new Error("no enrolled message");
  return { conn, secret: enrolled.secret };
}

describe("enrollment is confirmed, not consumed, by the first connect", () => {
  it("a socket dropped before hello leaves the token usable; only the latest secret works, and its connect spends the token", async () => {
    const { id, enrollment_token: token } = await create();
    const first = await enroll(token);
    first.conn.close();
    const second = await enroll(token);
    second.conn.close();
    expect(second.secret).not.toBe(first.secret);
    expect((await FakeConnector.connect(credentialToken(id, first.secret))).res.status).toBe(401);
    const withSecret = await FakeConnector.connect(credentialToken(id, second.secret));
    expect(withSecret.res.status).toBe(101);
    withSecret.conn?.close();
    expect(await tokenHash(id)).toBeNull();
    expect((await FakeConnector.connect(token)).res.status).toBe(401);
  });

  it("a hello on the enrolling socket spends the token; the secret keeps working", async () => {
    const { id, enrollment_token: token } = await create();
    const { conn, secret } = await enroll(token);
    conn.hello(id);
    await eventually(
      () => tokenHash(id),
      (h) => h === null,
    );
    expect(await tokenHash(id)).toBeNull();
    conn.close();
    expect((await FakeConnector.connect(token)).res.status).toBe(401);
    const again = await FakeConnector.connect(credentialToken(id, secret));
    expect(again.res.status).toBe(101);
    again.conn?.close();
  });

  it("a confirmation arriving after a rotate (no secret yet) does not spend the new token", async () => {
    const { id } = await create();
    const rotated = await api<Enrollment>(`/api/v1/connectors/${id}/rotate`, { method: "POST", headers: fx.as.admin });
    expect(rotated.status).toBe(200);
    const { db, close } = testDb("system");
    try {
      await confirmEnrollment(db, fx.tenant.id, id, new Date());
    } finally {
      await close();
    }
    expect(await tokenHash(id)).not.toBeNull();
    const { conn } = await enroll(rotated.body.enrollment_token);
    conn.close();
  });
});
