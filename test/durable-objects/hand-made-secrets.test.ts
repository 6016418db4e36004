import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { customers } from "../../src/db/schema";
import { testDb } from "../support/db";
import { createCustomer, enrollAndHello, okData, seedConnectorNetwork } from "./connector-seed";
import { eventually } from "./fake-connector";

const customerRow = async (id: string) => {
  const h = testDb("system");
  try {
    return (await h.db.select().from(customers).where(eq(customers.id, id)))[0];
  } finally {
    await h.close();
  }
};

describe("a secret made by hand on the router with the customer's PPPoE username", () => {
  it("the connector's refusal (not_managed) becomes the customer's failed provisioning state and reason", async () => {
    const net = await seedConnectorNetwork();
    const { conn } = await enrollAndHello(net);
    const customer = await createCustomer(net, { pppoeUsername: "budi-manual" });
    const profile = await conn.nextCommand("ensureProfile");
    conn.reply(profile, { data: okData(profile) });
    const secret = await conn.nextCommand("ensureSecret");
    // What connector/src/ops/ensure-secret.ts answers for an untagged secret of that name.
    conn.reply(secret, {
      error: {
        code: "not_managed",
        message: "a secret with this name (budi-manual) exists on the router and is not managed here",
        retryable: false,
      },
    });
    const row = await eventually(
      () => customerRow(customer.id),
      (r) => r?.provisioningState === "failed",
    );
    expect(row?.provisioningError).toBe(
      "ensureSecret: not_managed: a secret with this name (budi-manual) exists on the router and is not managed here",
    );
    conn.close();
  });
});
