import { and, eq } from "drizzle-orm";
import { users } from "../../db/schema";
import { hashPassword } from "../../lib/password";
import { toUserView, type UserView } from "../auth/current-user";
import { type ServiceContext, withTenantTx } from "../context";
import { DuplicateError } from "../errors";
import { recordChange } from "../events/record";
import { requirePermission } from "../permissions";
import { isUniqueViolation } from "../tenants/create";
import type { CreateUserInput } from "./schemas";

/**
 * Adds a staff account. The email is unique within the tenant (409 otherwise; the same person may
 * work for two operators). The password is hashed before the transaction opens, so the KDF's CPU
 * time does not hold a database connection; it appears nowhere in the audit row or the event.
 */
export async function createUser(ctx: ServiceContext, input: CreateUserInput): Promise<UserView> {
  requirePermission(ctx, "users:write");
  const tenantId = ctx.tenant.id;
  const passwordHash = await hashPassword(input.password);
  try {
    return await withTenantTx(ctx, async (tx, txCtx) => {
      const [taken] = await tx
        .select({ id: users.id })
        .from(users)
        .where(and(eq(users.tenantId, tenantId), eq(users.email, input.email)))
        .limit(1);
      if (taken) throw new DuplicateError("user", "email", input.email);
      const [row] = await tx
        .insert(users)
        .values({ tenantId, email: input.email, name: input.name, role: input.role, passwordHash })
        .returning();
      if (!row) throw new Error("insert returned no user");
      const view = toUserView(row);
      await recordChange(tx, txCtx, {
        tenantId,
        action: "create",
        entityType: "user",
        entityId: row.id,
        changes: view,
      });
      return view;
    });
  } catch (err) {
    // Two concurrent creates with one email: the loser hits the unique index.
    if (isUniqueViolation(err)) throw new DuplicateError("user", "email", input.email);
    throw err;
  }
}
