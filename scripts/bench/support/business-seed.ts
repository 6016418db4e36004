/**
 * Bulk seeding of a bench tenant with plain SQL (set-based `INSERT … SELECT` over
 * `generate_series`, never the API): plans, N customers, two months of invoices, tickets, stock and
 * one fresh bandwidth sample per reporting customer. The rows obey the schema's CHECKs and the
 * services' formats (codes `CUST-000123`, PPPoE username = code in lower case, phones `+628…`,
 * invoice numbers `INV-<YYYYMM>-<code>`), with a fixed random seed so every run has the same data.
 * PPPoE passwords stay null: they are encrypted with the Worker's key, which the bench never sees.
 */
import type pg from "pg";
import { EMAIL_DOMAINS, FIRST_NAMES, LAST_NAMES, MOBILE_PREFIXES, PLANS, STREETS, TOWNS } from "./business-data.ts";

/** Share of subscribers who gave an e-mail address (the rest are reached by phone/WhatsApp). */
export const EMAIL_SHARE = 0.2;
const ZONE = "Asia/Jakarta";

export interface SeedCounts {
  customers: number;
  payments: number;
  samples: number;
}

/** Seeds one tenant; `index` (0, 1, …) keeps the tenants' sample sequences apart. */
export async function seedTenant(db: pg.Client, tenantId: string, customers: number, index: number) {
  await db.query("select setseed($1)", [0.1 + index / 10]);
  const plans = await db.query<{ id: string; price: string }>(
    `insert into service_plans (tenant_id, name, description, speed_download_mbps, speed_upload_mbps, price, features)
     select $1, p.name, 'Paket ' || p.name, p.down, p.up, p.price, '["Unlimited", "Tanpa FUP"]'::jsonb
       from unnest($2::text[], $3::int[], $4::int[], $5::bigint[]) with ordinality as p(name, down, up, price, n)
     order by p.n returning id, price`,
    [tenantId, ...[0, 1, 2, 3].map((k) => PLANS.map((p) => p[k]))],
  );
  /** Plan index per percent, so `pick[1 + floor(random() * 100)]` follows the weights. */
  const pick = PLANS.flatMap(([, , , , weight], i) => Array<number>(weight).fill(i + 1));
  await db.query(CUSTOMERS_SQL, [
    tenantId,
    customers,
    FIRST_NAMES,
    LAST_NAMES,
    STREETS,
    TOWNS,
    EMAIL_DOMAINS,
    MOBILE_PREFIXES,
    pick,
    plans.rows.map((p) => p.id),
    plans.rows.map((p) => p.price),
    EMAIL_SHARE,
  ]);
  await db.query(
    `insert into customer_code_counters (tenant_id, next_value) values ($1, $2)
     on conflict (tenant_id) do update set next_value = excluded.next_value`,
    [tenantId, customers + 1],
  );
  const payments = await db.query(PAYMENTS_SQL, [tenantId, ZONE]);
  await db.query(TICKETS_SQL, [tenantId, ZONE, customers]);
  await db.query(
    `insert into ticket_counters (tenant_id, period, next_value)
     select tenant_id, split_part(ticket_number, '-', 2), max(split_part(ticket_number, '-', 3)::int) + 1
       from tickets where tenant_id = $1 group by 1, 2`,
    [tenantId],
  );
  await db.query(ITEMS_SQL, [tenantId]);
  const samples = await db.query(SAMPLES_SQL, [tenantId, (index + 1) * 10_000_000]);
  return { customers, payments: payments.rowCount ?? 0, samples: samples.rowCount ?? 0 } satisfies SeedCounts;
}

/** A steady-state table, as autovacuum leaves it: statistics, visibility map, hint bits. */
export async function vacuumAnalyze(db: pg.Client): Promise<void> {
  await db.query(
    "vacuum (analyze) customers, payments, tickets, infrastructure_items, monitoring_samples, service_plans",
  );
}

const rand = (param: string) => `(${param}::text[])[1 + floor(random() * cardinality(${param}::text[]))::int]`;

/**
 * Codes in signing-up order over seven years (created_at grows with the code); 80 % have a surname;
 * 70 % have coordinates around Jabodetabek; 1 % are soft-deleted (terminated), 3 % terminated,
 * 7 % suspended; billing days 1–28; monthly fee = the plan's price.
 */
const CUSTOMERS_SQL = `
insert into customers (tenant_id, customer_code, name, email, phone, address, latitude, longitude,
  service_plan_id, status, installation_date, billing_day, monthly_fee, pppoe_username,
  provisioning_state, created_at, updated_at, deleted_at)
select $1, s.code, s.fn || coalesce(' ' || s.ln, ''),
  case when s.r_mail < $12 then lower(s.fn) || '.' || lower(coalesce(s.ln, 'net')) || (s.g % 997) || '@' || s.domain end,
  '+628' || s.prefix || lpad(floor(s.r_phone * 1e8)::bigint::text, 8, '0'),
  'Jl. ' || s.street || ' No. ' || (1 + floor(s.r_no * 150))::int || ', RT ' || lpad((1 + floor(s.r_rt * 12))::int::text, 2, '0')
    || '/RW ' || lpad((1 + floor(s.r_rw * 9))::int::text, 2, '0') || ', ' || s.town,
  case when s.r_geo < 0.7 then -6.1 - s.r_lat * 0.9 end, case when s.r_geo < 0.7 then 106.5 + s.r_lng * 0.7 end,
  ($10::uuid[])[s.plan],
  case when s.r_del < 0.01 or s.r_status < 0.03 then 'terminated' when s.r_status < 0.10 then 'suspended' else 'active' end,
  (s.created at time zone '${ZONE}')::date, 1 + floor(s.r_day * 28)::int, ($11::bigint[])[s.plan], lower(s.code),
  'applied', s.created, s.created,
  case when s.r_del < 0.01 then least(now(), s.created + interval '400 days' * s.r_del * 100) end
from (
  select g, 'CUST-' || lpad(g::text, 6, '0') as code, ${rand("$3")} as fn,
    case when random() < 0.8 then ${rand("$4")} end as ln, ${rand("$5")} as street, ${rand("$6")} as town,
    ${rand("$7")} as domain, ${rand("$8")} as prefix, ($9::int[])[1 + floor(random() * 100)::int] as plan,
    timestamptz '2019-11-01 09:00+07' + (now() - timestamptz '2019-11-01 09:00+07') * ((g - 1 + random() * 0.9) / $2) as created,
    random() as r_mail, random() as r_phone, random() as r_no, random() as r_rt, random() as r_rw, random() as r_geo,
    random() as r_lat, random() as r_lng, random() as r_del, random() as r_status, random() as r_day
  from generate_series(1, $2::int) g
) s`;

/**
 * The invoices of the two months before the current one (tenant-local), for live, non-terminated
 * customers signed up before the month began: paid around the due date (a late payer lands in the
 * next month, so this month has revenue too); suspended customers and 3 % of the rest left last
 * month's overdue. The current month is left for the billing run.
 */
const PAYMENTS_SQL = `
insert into payments (tenant_id, customer_id, invoice_number, period, amount, payment_date, due_date, status,
  payment_method, created_at, updated_at)
select c.tenant_id, c.id, 'INV-' || to_char(m.start, 'YYYYMM') || '-' || c.customer_code, to_char(m.start, 'YYYY-MM'),
  c.monthly_fee, case when x.paid then x.paid_at end, x.due, case when x.paid then 'paid' else 'overdue' end,
  case when x.paid then (array['transfer', 'transfer', 'cash', 'cash', 'e-wallet', 'other'])[1 + floor(random() * 6)::int] end,
  (m.start + interval '5 minutes') at time zone $2, coalesce(x.paid_at, (m.start + interval '5 minutes') at time zone $2)
from customers c
cross join generate_series(1, 2) k(back)
cross join lateral (select date_trunc('month', now() at time zone $2) - make_interval(months => k.back) as start) m
cross join lateral (
  select m.start::date + (c.billing_day - 1) as due,
    not ((k.back = 1 and (c.status = 'suspended' or random() < 0.03))) as paid,
    least(now() - interval '1 hour',
      ((m.start::date + (c.billing_day - 1))::timestamp + interval '1 hour' * floor(random() * 240 - 140)) at time zone $2) as paid_at
) x
where c.tenant_id = $1 and c.deleted_at is null and c.status <> 'terminated' and c.monthly_fee > 0
  and c.created_at < m.start at time zone $2`;

/** 300 tickets over the last 60 days, a third of them still open or in progress. */
const TICKETS_SQL = `
insert into tickets (tenant_id, customer_id, ticket_number, title, description, status, priority,
  resolved_at, closed_at, created_at, updated_at)
select $1, c.id, 'TKT-' || t.month || '-' || lpad(row_number() over (partition by t.month order by t.g)::text, 4, '0'),
  t.title, 'Dilaporkan pelanggan lewat WhatsApp', t.status, t.priority,
  case when t.status in ('resolved', 'closed') then t.created + interval '6 hours' end,
  case when t.status = 'closed' then t.created + interval '1 day' end, t.created, t.created
from (
  select g, to_char(created at time zone $2, 'YYYYMM') as month, created,
    (array['Internet lambat', 'Tidak bisa konek', 'Modem mati', 'Minta pindah paket', 'Kabel putus'])[1 + g % 5] as title,
    (array['open', 'in_progress', 'resolved', 'closed', 'closed', 'resolved'])[1 + floor(random() * 6)::int] as status,
    (array['low', 'medium', 'medium', 'high', 'urgent'])[1 + floor(random() * 5)::int] as priority,
    'CUST-' || lpad((1 + floor(random() * $3::int))::int::text, 6, '0') as code
  from (select g, now() - interval '60 days' * random() as created from generate_series(1, 300) g) r
) t
join customers c on c.tenant_id = $1 and c.customer_code = t.code`;

const ITEMS_SQL = `
insert into infrastructure_items (tenant_id, name, type, quantity, unit, minimum_quantity, location)
select $1, (array['Kabel FO drop', 'Router CPE', 'Switch 8 port', 'Antena sektoral', 'Konektor SC', 'Splicer'])[1 + g % 6]
    || ' #' || g, (array['cable', 'router', 'switch', 'antenna', 'connector', 'tools'])[1 + g % 6],
  floor(random() * 500)::int, (array['meter', 'piece', 'piece', 'piece', 'piece', 'set'])[1 + g % 6], 50, 'Gudang'
from generate_series(1, 40) g`;

/** One sample per reporting customer (60 % of the active ones), at most 5 minutes old. */
const SAMPLES_SQL = `
insert into monitoring_samples (tenant_id, customer_id, sample_seq, ts, rx_bytes, tx_bytes, rx_rate_bps, tx_rate_bps, latency_ms)
select c.tenant_id, c.id, $2 + row_number() over (), now() - interval '5 minutes' * random(),
  floor(random() * 1e10)::bigint, floor(random() * 1e9)::bigint,
  floor(p.speed_download_mbps * 1e6 * random() * 0.8)::bigint, floor(p.speed_upload_mbps * 1e6 * random() * 0.5)::bigint,
  5 + floor(random() * 40)::int
from customers c join service_plans p on p.id = c.service_plan_id
where c.tenant_id = $1 and c.deleted_at is null and c.status = 'active' and random() < 0.6`;
