import { sql } from "drizzle-orm";
import {
  bigint,
  check,
  foreignKey,
  index,
  integer,
  numeric,
  pgTable,
  primaryKey,
  text,
  timestamp,
  unique,
  uuid,
} from "drizzle-orm/pg-core";
import { oneOf, tenantId } from "./_columns";
import { customers } from "./customers";
import { tenants } from "./tenants";

export const ROLLUP_BUCKETS = ["1h", "1d"] as const;

/**
 * Raw bandwidth/health samples streamed by connectors (spec MonitoringData), kept short-term and
 * rolled up into `monitoring_rollups`.
 *
 * - The key is a `bigint` identity, not a uuid: this is the highest-volume table, and sequential keys
 *   keep its primary-key index compact and append-only.
 * - Connectors buffer samples on disk while offline and resend them, so delivery is at-least-once.
 *   `sample_seq` is assigned by the connector per sample (not per poll), increasing per router, and
 *   (connector_id, router_id, sample_seq) dedupes resends with `on conflict do nothing`. NULLS NOT
 *   DISTINCT so the key still dedupes when one of the ids is absent.
 * - `router_id`/`connector_id` carry no foreign keys: ingestion stays cheap and samples of a deleted
 *   router simply age out. Customer samples go with the customer's hard deletion (cascade).
 * - Rates in bits per second, byte counters as `bigint`; `packet_loss_pct` is numeric(5,2), 0–100.
 */
export const monitoringSamples = pgTable(
  "monitoring_samples",
  {
    id: bigint("id", { mode: "number" }).primaryKey().generatedAlwaysAsIdentity(),
    tenantId: tenantId(),
    customerId: uuid("customer_id"),
    routerId: uuid("router_id"),
    connectorId: uuid("connector_id"),
    sampleSeq: bigint("sample_seq", { mode: "number" }).notNull(),
    ts: timestamp("ts", { withTimezone: true }).notNull(),
    rxBytes: bigint("rx_bytes", { mode: "number" }).notNull(),
    txBytes: bigint("tx_bytes", { mode: "number" }).notNull(),
    rxRateBps: bigint("rx_rate_bps", { mode: "number" }).notNull(),
    txRateBps: bigint("tx_rate_bps", { mode: "number" }).notNull(),
    latencyMs: integer("latency_ms"),
    packetLossPct: numeric("packet_loss_pct", { precision: 5, scale: 2 }),
  },
  (t) => [
    /** Composite with the tenant: both rows share one, and the (tenant_id, …) index serves the FK checks of a tenant purge. */
    foreignKey({
      name: "monitoring_samples_tenant_customer_fk",
      columns: [t.tenantId, t.customerId],
      foreignColumns: [customers.tenantId, customers.id],
    }).onDelete("cascade"),
    unique("monitoring_samples_dedupe_key").on(t.connectorId, t.routerId, t.sampleSeq).nullsNotDistinct(),
    index("monitoring_samples_tenant_customer_ts_idx").on(t.tenantId, t.customerId, t.ts),
    /**
     * For the all-tenant jobs that range over `ts` alone (the hourly roll-up's last 48 h, the
     * retention prune). BRIN, not btree: rows arrive nearly in `ts` order, so block ranges are tight,
     * the index stays a few pages, and ingest (the hot path) pays almost nothing to maintain it.
     */
    index("monitoring_samples_ts_brin_idx").using("brin", t.ts),
    check(
      "monitoring_samples_counters_non_negative",
      sql`${t.rxBytes} >= 0 and ${t.txBytes} >= 0 and ${t.rxRateBps} >= 0 and ${t.txRateBps} >= 0`,
    ),
    check("monitoring_samples_latency_non_negative", sql`${t.latencyMs} is null or ${t.latencyMs} >= 0`),
    check(
      "monitoring_samples_packet_loss_range",
      sql`${t.packetLossPct} is null or ${t.packetLossPct} between 0 and 100`,
    ),
  ],
);

/**
 * Hourly and daily per-customer aggregates computed by the roll-up cron from samples. The primary
 * key is the upsert target, so re-running a roll-up for a bucket overwrites it instead of adding to
 * it. Aggregation invariant (Property 37): `rx_bytes`/`tx_bytes` are the sums of the samples in
 * [bucket_start, bucket_start + bucket).
 */
export const monitoringRollups = pgTable(
  "monitoring_rollups",
  {
    tenantId: tenantId(),
    customerId: uuid("customer_id").notNull(),
    bucket: text("bucket", { enum: ROLLUP_BUCKETS }).notNull(),
    bucketStart: timestamp("bucket_start", { withTimezone: true }).notNull(),
    rxBytes: bigint("rx_bytes", { mode: "number" }).notNull().default(0),
    txBytes: bigint("tx_bytes", { mode: "number" }).notNull().default(0),
    maxRxRateBps: bigint("max_rx_rate_bps", { mode: "number" }).notNull().default(0),
    maxTxRateBps: bigint("max_tx_rate_bps", { mode: "number" }).notNull().default(0),
    samples: integer("samples").notNull().default(0),
  },
  (t) => [
    foreignKey({
      name: "monitoring_rollups_tenant_customer_fk",
      columns: [t.tenantId, t.customerId],
      foreignColumns: [customers.tenantId, customers.id],
    }).onDelete("cascade"),
    primaryKey({ name: "monitoring_rollups_pkey", columns: [t.tenantId, t.customerId, t.bucket, t.bucketStart] }),
    check("monitoring_rollups_bucket_check", oneOf(t.bucket, ROLLUP_BUCKETS)),
    check(
      "monitoring_rollups_non_negative",
      sql`${t.rxBytes} >= 0 and ${t.txBytes} >= 0 and ${t.maxRxRateBps} >= 0 and ${t.maxTxRateBps} >= 0 and ${t.samples} >= 0`,
    ),
  ],
);

/**
 * Raw samples per tenant (`monitoring_samples` rows), kept by statement triggers on every insert
 * and delete of samples (drizzle/0012_monitoring_sample_counts.sql; the app role may only read it),
 * so the ingest's per-tenant cap is checked with one primary-key read.
 */
export const monitoringSampleCounts = pgTable(
  "monitoring_sample_counts",
  {
    tenantId: uuid("tenant_id")
      .primaryKey()
      .references(() => tenants.id, { onDelete: "cascade" }),
    rows: bigint("rows", { mode: "number" }).notNull().default(0),
  },
  (t) => [check("monitoring_sample_counts_rows_non_negative", sql`${t.rows} >= 0`)],
);

export type MonitoringSample = typeof monitoringSamples.$inferSelect;
export type NewMonitoringSample = typeof monitoringSamples.$inferInsert;
export type MonitoringRollup = typeof monitoringRollups.$inferSelect;
export type NewMonitoringRollup = typeof monitoringRollups.$inferInsert;
