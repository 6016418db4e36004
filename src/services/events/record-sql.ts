import { type SQL, sql } from "drizzle-orm";
import { emailsDueSql } from "../email/event-rules";

/**
 * The set-based twin of `recordChange` for the crons' single statements: two data-modifying CTEs
 * (`<from>_audited`, `<from>_announced`, to place after the CTE `from` in a `with` list) that write,
 * for every row of `from`, the audit row (actor `system`, `request_id` = `runId`) and the outbox
 * event with its `emails_due`. `from` has the columns `tenant_id, entity_type, entity_id, action,
 * changes, data`: the audit changes and the event payload. Everything commits with the change.
 */
export function recordSystemChangesSql(from: string, runId: string): SQL {
  const source = sql.identifier(from);
  return sql`
    ${sql.identifier(`${from}_audited`)} as (
      insert into audit_logs (tenant_id, user_id, actor_type, action, entity_type, entity_id, changes, request_id)
      select tenant_id, null, 'system', action, entity_type, entity_id, changes, ${runId} from ${source}
    ),
    ${sql.identifier(`${from}_announced`)} as (
      insert into domain_events (tenant_id, entity_type, entity_id, action, actor_id, data, emails_due)
      select tenant_id, entity_type, entity_id, action, null, data, ${emailsDueSql(sql`entity_type`, sql`action`)}
      from ${source}
    )`;
}
