import { afterAll, beforeAll } from "vitest";
import type { DbHandle } from "../../src/db/client";
import type { ServiceContext, TenantInfo } from "../../src/services/context";
import { insertTenant, purgeTenant } from "./billing-seed";
import { testDb } from "./db";
import { seedUser, staffContext } from "./network-seed";

export interface AdminTenant {
  /** The privileged handle: seeding rows and reading what a service wrote. */
  system: DbHandle;
  /** The app role's handle (row-level security), which services run on. */
  app: DbHandle;
  tenant: TenantInfo;
  adminId: string;
  /** The admin's service context on the app handle. */
  ctx(): ServiceContext;
}

/**
 * A tenant with one admin for a file's service-level tests: made before all of them, purged after.
 * Call at the top level of the file; the fields are set once `beforeAll` has run.
 */
export function useAdminTenant(): AdminTenant {
  const fx = {
    ctx: () => staffContext(fx.tenant, fx.app.db, fx.adminId, "admin"),
  } as AdminTenant;
  beforeAll(async () => {
    fx.system = testDb("system");
    fx.app = testDb("app");
    fx.tenant = await insertTenant(fx.system.db);
    fx.adminId = await seedUser(fx.system.db, fx.tenant.id, "admin");
  });
  afterAll(async () => {
    await purgeTenant(fx.system.db, fx.tenant.id);
    await Promise.all([fx.system.close(), fx.app.close()]);
  });
  return fx;
}
