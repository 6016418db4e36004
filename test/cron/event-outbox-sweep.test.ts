import { env } from "cloudflare:test";
import { and, eq, inArray } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CRON_ENTRIES, CRONS, type CronEntry } from "../../src/cron/registry";
import { runCron } from "../../src/cron/scheduled";
import { domainEvents } from "../../src/db/schema";
import type { Bindings } from "../../src/env";
import type { TenantInfo } from "../../src/services/context";
import { createPublishers } from "../../src/services/events/publishers";
import { insertTenant, purgeTenant } from "../support/billing-seed";
import { testJobDeps } from "../support/jobs";

let t: ReturnType<typeof testJobDeps>;
let tenant: TenantInfo;

beforeAll(async () => {
  t = testJobDeps();
  tenant = await insertTenant(t.deps.dbs.system());
});
afterAll(async () => {
  await purgeTenant(t.deps.dbs.system(), tenant.id);
  await t.close();
});

const sweep = CRON_ENTRIES.filter((e) => e.name === "event-outbox-sweep");

async function insertEvent(entityId: string, createdAt: Date, publishedAt: Date | null = null) {
  const [row] = await t.deps.dbs
    .system()
    .insert(domainEvents)
    .values({ tenantId: tenant.id, entityType: "customer", entityId, action: "update", createdAt, publishedAt })
    .returning({ id: domainEvents.id });
  return row?.id as number;
}

const ours = () => t.published.filter((e) => e.tenantId === tenant.id).map((e) => e.entityId);

describe("event outbox sweep", () => {
  it("republishes unpublished events older than 30 s, oldest first; fresh and published ones stay", async () => {
    const now = new Date();
    t.published.length = 0;
    await insertEvent("lost-1", new Date(now.getTime() - 120_000));
    await insertEvent("lost-2", new Date(now.getTime() - 31_000));
    await insertEvent("fresh", new Date(now.getTime() - 5_000));
    await insertEvent("done", new Date(now.getTime() - 120_000), new Date(now.getTime() - 119_000));
    const [result] = await runCron(CRONS.everyMinute, now, t.deps, sweep);
    expect(result?.ok).toBe(true);
    expect(ours()).toEqual(["lost-1", "lost-2"]);
  });

  it("publishes the events a cron entry wrote as soon as the entry is done", async () => {
    t.published.length = 0;
    const writer: CronEntry = {
      name: "writer",
      cron: CRONS.hourly,
      run: async () => ({ written: (await insertEvent("from-cron", new Date())) ? 1 : 0 }),
    };
    await runCron(CRONS.hourly, new Date(), t.deps, [writer]);
    expect(ours()).toEqual(["from-cron"]);
  });

  it("through the real hub, the swept rows are marked published and not swept again", async () => {
    const bindings = env as unknown as Bindings;
    const realtime = createPublishers(bindings, t.deps.config, t.deps.log, t.deps.dbs, undefined).realtime;
    const deps = { ...t.deps, realtime };
    const now = new Date();
    const id = await insertEvent("to-hub", new Date(now.getTime() - 60_000));
    await runCron(CRONS.everyMinute, now, deps, sweep);
    const [row] = await t.deps.dbs
      .system()
      .select({ publishedAt: domainEvents.publishedAt })
      .from(domainEvents)
      .where(and(eq(domainEvents.tenantId, tenant.id), inArray(domainEvents.id, [id])));
    expect(row?.publishedAt).toBeInstanceOf(Date);
    t.published.length = 0;
    await runCron(CRONS.everyMinute, now, t.deps, sweep);
    expect(ours()).not.toContain("to-hub");
  });
});
