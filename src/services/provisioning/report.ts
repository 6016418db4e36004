import { sql } from "drizzle-orm";
import { type ServiceContext, withTenantTx } from "../context";

/**
 * A customer's version: `updated_at` in microseconds, as text. Read and compared in SQL, because a
 * JavaScript Date drops the microseconds `now()` stores.
 */
export const CUSTOMER_VERSION = sql<string>`((extract(epoch from customers.updated_at) * 1000000)::bigint)::text`;

export type ProvisioningReport =
  | { state: "applied" }
  | { state: "failed"; reason: string }
  /** Still waiting (connector offline, router unreachable): the reason is shown to the operator. */
  | { state: "pending"; reason: string };

const MAX_REASON = 500;

/**
 * Writes what the router now reflects onto the customer row — only while the row still has the
 * version the commands were planned from: if the customer changed since, the newer change's
 * commands are on their way and will report for themselves. A `pending` note never overwrites an
 * outcome of the same version (the gateway may finish before the caller writes "waiting"). `updated_at` is left alone (this is an
 * observation of the router, not a change of the customer), so the version stays comparable.
 */
export async function reportProvisioning(
  ctx: ServiceContext,
  customerId: string,
  version: string,
  report: ProvisioningReport,
): Promise<boolean> {
  const error = report.state === "applied" ? null : report.reason.slice(0, MAX_REASON);
  const result = await withTenantTx(ctx, (tx) =>
    tx.execute(sql`
      update customers set provisioning_state = ${report.state}, provisioning_error = ${error}
       where tenant_id = ${ctx.tenant.id} and id = ${customerId} and ${CUSTOMER_VERSION} = ${version}
         and (${report.state} <> 'pending' or provisioning_state = 'pending')`),
  );
  return (result.rowCount ?? 0) > 0;
}
