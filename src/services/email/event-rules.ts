import { type SQL, sql } from "drizzle-orm";
import { notificationIdSql } from "./queue-emails";
import type { TemplateName } from "./templates";

/**
 * Which domain events send which email to whom (Property 59), as set-based SQL: one
 * `insert … select` per rule turns every matching event into `notifications` rows, with the
 * recipients resolved from the current rows (a payment paid meanwhile sends no overdue notice).
 * The same rules serve the live publisher (events of one request, by id) and the crons (every
 * event their run wrote), and the notification ids are derived from (tenant, event, template,
 * recipient), so seeing an event twice sends nothing twice. Actions are the services' present-tense
 * verbs (`create`, `status_change`, `approve`, …).
 */
export interface EventEmailRule {
  template: TemplateName;
  entityType: string;
  actions: string[];
  /** Joins from `ev` (the matching events) to the rows the email is about and its recipients. */
  joins: SQL;
  recipient: SQL;
  data: SQL;
  where?: SQL;
}

const newStatus = sql`coalesce(ev.data->'status'->>'new', ev.data->>'status')`;
const iso = (col: SQL) => sql`to_char(${col} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"')`;

/**
 * The row of `table` with key `id` (the event's entity by default, or a column of an earlier row)
 * as `alias`: a primary-key lookup per event. Written as `lateral … limit 1` so the planner cannot turn it into
 * a scan of the tenant's rows per event: right after a billing run inserts 100 000 payments the
 * statistics still say "one row", and the plain join became quadratic (minutes at 20 000).
 */
const rowOf = (table: string, alias: string, id: SQL = sql`ev.entity_id::uuid`, extra: SQL = sql``) =>
  sql`cross join lateral (select * from ${sql.identifier(table)} x
    where x.tenant_id = ev.tenant_id and x.id = ${id} ${extra} limit 1) ${sql.identifier(alias)}`;
const liveCustomer = (id: SQL) => rowOf("customers", "c", id, sql`and x.deleted_at is null`);

const customerOfPayment = sql`${rowOf("payments", "p")} ${liveCustomer(sql`p.customer_id`)}`;
const paymentData = sql`jsonb_build_object('customerName', c.name, 'invoiceNumber', p.invoice_number,
  'amount', p.amount, 'dueDate', to_char(p.due_date, 'YYYY-MM-DD'), 'period', p.period)`;

const ticketOfEvent = rowOf("tickets", "t");

const boostOfEvent = sql`${rowOf("speed_boosts", "sb")} ${liveCustomer(sql`sb.customer_id`)}
  left join service_plans bp on bp.tenant_id = sb.tenant_id and bp.id = sb.boost_plan_id`;

const staff = (roles: string[]) => sql`
  join users u on u.tenant_id = ev.tenant_id and u.is_active and u.role in (${sql.join(
    roles.map((r) => sql`${r}`),
    sql`, `,
  )})`;

export const EVENT_EMAIL_RULES: EventEmailRule[] = [
  {
    template: "payment_overdue",
    entityType: "payment",
    actions: ["status_change"],
    joins: customerOfPayment,
    recipient: sql`c.email`,
    data: paymentData,
    where: sql`${newStatus} = 'overdue' and p.status = 'overdue'`,
  },
  {
    template: "invoice_issued",
    entityType: "payment",
    actions: ["create"],
    joins: customerOfPayment,
    recipient: sql`c.email`,
    data: paymentData,
    where: sql`p.status = 'pending'`,
  },
  {
    template: "ticket_created",
    entityType: "ticket",
    actions: ["create"],
    joins: sql`${ticketOfEvent} left join customers c on c.tenant_id = t.tenant_id and c.id = t.customer_id
      ${staff(["admin", "operator"])}`,
    recipient: sql`u.email`,
    data: sql`jsonb_build_object('ticketNumber', t.ticket_number, 'title', t.title, 'priority', t.priority,
      'customerName', c.name)`,
  },
  {
    template: "ticket_assigned",
    entityType: "ticket",
    actions: ["assign"],
    joins: sql`${ticketOfEvent} join users u on u.tenant_id = t.tenant_id and u.id = t.assigned_to and u.is_active`,
    recipient: sql`u.email`,
    data: sql`jsonb_build_object('ticketNumber', t.ticket_number, 'title', t.title, 'priority', t.priority,
      'assigneeName', u.name)`,
  },
  {
    template: "speed_boost_approved",
    entityType: "speed_boost",
    actions: ["approve"],
    joins: boostOfEvent,
    recipient: sql`c.email`,
    data: sql`jsonb_build_object('customerName', c.name, 'planName', bp.name, 'durationDays', sb.duration_days,
      'startDate', ${iso(sql`sb.start_date`)}, 'endDate', ${iso(sql`sb.end_date`)}, 'price', sb.price)`,
    where: sql`sb.start_date is not null and sb.end_date is not null`,
  },
  {
    template: "speed_boost_rejected",
    entityType: "speed_boost",
    actions: ["reject"],
    joins: boostOfEvent,
    recipient: sql`c.email`,
    data: sql`jsonb_build_object('customerName', c.name, 'planName', bp.name,
      'reason', coalesce(sb.rejection_reason, ''))`,
  },
  {
    /**
     * Routers are what goes offline: the gateway and the offline detector record
     * `router.status_change` (monitoring/router-status.ts). A router that went `unknown` because its
     * connector is away sends nothing here (the connector's alert is the root cause), and one that is
     * back online by the time the rules run neither. Probed devices have the same rule below.
     */
    template: "device_offline",
    entityType: "router",
    actions: ["status_change"],
    joins: sql`${rowOf("mikrotik_routers", "r")} ${staff(["admin", "technician"])}`,
    recipient: sql`u.email`,
    data: sql`jsonb_build_object('deviceName', r.name, 'deviceType', 'router', 'ipAddress', r.host,
      'lastSeen', ${iso(sql`r.last_seen`)})`,
    where: sql`${newStatus} = 'offline' and r.status = 'offline'`,
  },
  {
    /** A device its connector's probe no longer reaches (monitoring/device-status.ts). */
    template: "device_offline",
    entityType: "device",
    actions: ["status_change"],
    joins: sql`${rowOf("devices", "d")} ${staff(["admin", "technician"])}`,
    recipient: sql`u.email`,
    data: sql`jsonb_build_object('deviceName', d.name, 'deviceType', d.type, 'ipAddress', d.ip_address,
      'lastSeen', ${iso(sql`d.last_seen`)})`,
    where: sql`${newStatus} = 'offline' and d.status = 'offline'`,
  },
  {
    /**
     * A connector that stopped reporting (connectors/presence.ts markConnectorOffline): the root
     * cause the router and device rules above stay silent about. Not once it is back, nor once it
     * was revoked meanwhile (revoking also leaves it `offline`, but on purpose).
     */
    template: "connector_offline",
    entityType: "connector",
    actions: ["status_change"],
    joins: sql`${rowOf("connectors", "k")} ${staff(["admin", "technician"])}`,
    recipient: sql`u.email`,
    data: sql`jsonb_build_object('connectorName', k.name, 'lastSeen', ${iso(sql`k.last_seen`)})`,
    where: sql`${newStatus} = 'offline' and k.status = 'offline' and k.revoked_at is null`,
  },
];

/**
 * The statement of one rule over the events `eventFilter` selects (a condition on `e`). The events
 * are narrowed first in a materialized CTE, so `entity_id::uuid` only ever sees this entity's ids.
 */
export function ruleStatement(rule: EventEmailRule, eventFilter: SQL): SQL {
  const actions = sql.join(
    rule.actions.map((a) => sql`${a}`),
    sql`, `,
  );
  const id = notificationIdSql(sql`w.tenant_id`, sql`'event:' || w.event_id`, rule.template, sql`w.recipient`);
  return sql`
    with ev as materialized (
      select e.id, e.tenant_id, e.entity_id, e.action, e.data from domain_events e
      where ${eventFilter} and e.entity_type = ${rule.entityType} and e.action in (${actions})
    ),
    wanted as (
      select ev.id as event_id, ev.tenant_id, lower(${rule.recipient}) as recipient, ${rule.data} as data
      from ev ${rule.joins}
      where ${rule.recipient} is not null and ${rule.recipient} <> '' ${rule.where ? sql`and ${rule.where}` : sql``}
    )
    insert into notifications (id, tenant_id, template, recipient, data)
    select ${id}, w.tenant_id, ${rule.template}, w.recipient, w.data || jsonb_build_object('key', 'event:' || w.event_id)
    from wanted w
    on conflict (id) do nothing
    returning id, tenant_id`;
}

/** The rules about events of this kind (none: the event sends no email). */
export function rulesFor(entityType: string, action: string): EventEmailRule[] {
  return EVENT_EMAIL_RULES.filter((r) => r.entityType === entityType && r.actions.includes(action));
}

/** Whether events of this kind are written with `emails_due` (some rule emails about them). */
export function eventSendsEmail(entityType: string, action: string): boolean {
  return rulesFor(entityType, action).length > 0;
}

/**
 * `eventSendsEmail` for events written in SQL (the crons' set-based statements): the value of
 * `emails_due` for an event of `entityType` and `action` (column references or literals).
 */
export function emailsDueSql(entityType: SQL, action: SQL): SQL {
  const kinds = EVENT_EMAIL_RULES.flatMap((r) => r.actions.map((a) => sql`(${r.entityType}, ${a})`));
  return sql`((${entityType}, ${action}) in (${sql.join(kinds, sql`, `)}))`;
}
