import type { Tx } from "../../db/client";
import type { InfrastructureItem } from "../../db/schema";
import { raiseAlert, resolveAlertFor } from "../alerts/raise";
import type { ServiceContext } from "../context";
import { isLowStock } from "./internal";

function message(item: InfrastructureItem, locale: string): string {
  return locale === "en"
    ? `Low stock: ${item.name} is at ${item.quantity} ${item.unit} (minimum ${item.minimumQuantity})`
    : `Stok menipis: ${item.name} tinggal ${item.quantity} ${item.unit} (minimum ${item.minimumQuantity})`;
}

/**
 * Keeps the item's low-stock alert in step with its stock (Property 49), after every change of
 * quantity or minimum: below the minimum → one unresolved alert (raised once, deduplicated by the
 * alerts index; critical when nothing is left), kept up to date while it stays low (severity, count
 * and message follow the stock); at or above it, or deleted → resolved.
 */
export async function syncLowStockAlert(tx: Tx, ctx: ServiceContext, item: InfrastructureItem): Promise<void> {
  if (item.deletedAt === null && isLowStock(item)) {
    await raiseAlert(
      tx,
      ctx,
      {
        type: "low_stock",
        severity: item.quantity === 0 ? "critical" : "warning",
        entityType: "infrastructure_item",
        entityId: item.id,
        message: message(item, ctx.tenant.locale),
        data: { name: item.name, quantity: item.quantity, minimumQuantity: item.minimumQuantity, unit: item.unit },
      },
      { refresh: true },
    );
  } else {
    await resolveAlertFor(tx, ctx, { type: "low_stock", entityId: item.id });
  }
}
