import { getTableColumns } from "drizzle-orm";
import type { AnyPgColumn, PgTable } from "drizzle-orm/pg-core";
import { auditLogs, customers, infrastructureItems, payments, tickets } from "../../db/schema";
import type { Permission } from "../permissions";

/**
 * What each export contains: every column of the entity's table, by its database name, except
 * - `tenant_id`: the caller's own tenant on every row, and
 * - secrets: `customers.pppoe_password_enc` (the PPPoE password, encrypted). Router and device
 *   passwords live in tables that are not exportable at all.
 * Soft-deleted rows are left out, as the API leaves them out. Adding a column to a table adds it to
 * the export (Property 61); a new secret column must be added to `omit` here.
 */
export interface ExportSpec {
  table: PgTable;
  id: AnyPgColumn;
  tenantId: AnyPgColumn;
  createdAt: AnyPgColumn;
  deletedAt?: AnyPgColumn;
  /** Read permission on the entity, required on top of `exports:read` (Property 63). */
  permission: Permission;
  /** Property names (drizzle keys) never exported. */
  omit: readonly string[];
}

export const EXPORTS = {
  customers: {
    table: customers,
    id: customers.id,
    tenantId: customers.tenantId,
    createdAt: customers.createdAt,
    deletedAt: customers.deletedAt,
    permission: "customers:read",
    omit: ["pppoePasswordEnc"],
  },
  payments: {
    table: payments,
    id: payments.id,
    tenantId: payments.tenantId,
    createdAt: payments.createdAt,
    permission: "payments:read",
    omit: [],
  },
  tickets: {
    table: tickets,
    id: tickets.id,
    tenantId: tickets.tenantId,
    createdAt: tickets.createdAt,
    permission: "tickets:read",
    omit: [],
  },
  "infrastructure-items": {
    table: infrastructureItems,
    id: infrastructureItems.id,
    tenantId: infrastructureItems.tenantId,
    createdAt: infrastructureItems.createdAt,
    deletedAt: infrastructureItems.deletedAt,
    permission: "inventory:read",
    omit: [],
  },
  "audit-logs": {
    table: auditLogs,
    id: auditLogs.id,
    tenantId: auditLogs.tenantId,
    createdAt: auditLogs.createdAt,
    permission: "audit_logs:read",
    omit: [],
  },
} as const satisfies Record<string, ExportSpec>;

export type ExportEntity = keyof typeof EXPORTS;
export const EXPORT_ENTITIES = Object.keys(EXPORTS) as ExportEntity[];

/** The exported columns of an entity, in table order: drizzle key → column. */
export function exportColumns(spec: ExportSpec): [string, AnyPgColumn][] {
  return Object.entries(getTableColumns(spec.table) as Record<string, AnyPgColumn>).filter(
    ([key]) => key !== "tenantId" && !spec.omit.includes(key),
  );
}

/** Database names of the columns an export leaves out on purpose (sent as a response header). */
export function omittedColumns(spec: ExportSpec): string[] {
  const cols = getTableColumns(spec.table) as Record<string, AnyPgColumn>;
  return spec.omit.map((key) => cols[key]?.name ?? key);
}
