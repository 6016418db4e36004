import { sql } from "drizzle-orm";
import { check, index, integer, pgTable, text } from "drizzle-orm/pg-core";
import { deletedAt, id, oneOf, tenantId, timestamps } from "./_columns";

export const INFRASTRUCTURE_ITEM_TYPES = ["cable", "router", "switch", "antenna", "connector", "tools"] as const;
export const INFRASTRUCTURE_ITEM_UNITS = ["meter", "piece", "set"] as const;

/**
 * Stock of physical material (spec InfrastructureItem): cable in meters, devices by the piece.
 * Soft-deleted (Property 14). `quantity` may reach 0 (used up) but never go negative; when it drops
 * below `minimum_quantity` a `low_stock` alert is raised (Property 49). Quantity changes are audited
 * with old and new values (Property 48).
 */
export const infrastructureItems = pgTable(
  "infrastructure_items",
  {
    id: id(),
    tenantId: tenantId(),
    name: text("name").notNull(),
    type: text("type", { enum: INFRASTRUCTURE_ITEM_TYPES }).notNull(),
    quantity: integer("quantity").notNull(),
    unit: text("unit", { enum: INFRASTRUCTURE_ITEM_UNITS }).notNull(),
    minimumQuantity: integer("minimum_quantity").notNull().default(0),
    location: text("location"),
    notes: text("notes"),
    ...timestamps(),
    deletedAt: deletedAt(),
  },
  (t) => [
    index("infrastructure_items_tenant_type_idx").on(t.tenantId, t.type),
    check("infrastructure_items_type_check", oneOf(t.type, INFRASTRUCTURE_ITEM_TYPES)),
    check("infrastructure_items_unit_check", oneOf(t.unit, INFRASTRUCTURE_ITEM_UNITS)),
    check("infrastructure_items_quantity_non_negative", sql`${t.quantity} >= 0`),
    check("infrastructure_items_minimum_quantity_non_negative", sql`${t.minimumQuantity} >= 0`),
  ],
);

export type InfrastructureItem = typeof infrastructureItems.$inferSelect;
export type NewInfrastructureItem = typeof infrastructureItems.$inferInsert;
