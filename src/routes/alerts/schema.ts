import { z } from "@hono/zod-openapi";
import { ALERT_SEVERITIES, ALERT_STATUSES, ALERT_TYPES } from "../../db/schema";
import { ListAlertsQuery as ListAlertsInput } from "../../services/alerts/schemas";
import { pageSchema } from "../shared";

const TIMESTAMP = "2026-11-24T08:00:00.000Z";

export const AlertSchema = z
  .object({
    id: z.uuid().openapi({ example: "4d1c0e2a-8b7d-4e6f-9a43-2f0d6c1b7e55" }),
    type: z.enum(ALERT_TYPES).openapi({ example: "low_stock" }),
    severity: z.enum(ALERT_SEVERITIES).openapi({ example: "warning" }),
    entityType: z.string().openapi({
      description: "Kind of entity it is about; `tenant` for the whole tenant",
      example: "infrastructure_item",
    }),
    entityId: z.string().openapi({ description: "Id of that entity", example: "0e2a4d1c-8b7d-4e6f-9a43-2f0d6c1b7e55" }),
    message: z.string().openapi({ example: "Stok Kabel FO drop 1 core tinggal 40 meter (minimum 100)" }),
    data: z
      .record(z.string(), z.unknown())
      .nullable()
      .openapi({ description: "Machine-readable specifics", example: { quantity: 40, minimumQuantity: 100 } }),
    status: z
      .enum(ALERT_STATUSES)
      .openapi({ description: "open → acknowledged → resolved (or open → resolved)", example: "open" }),
    acknowledgedBy: z.uuid().nullable().openapi({ description: "User who acknowledged it" }),
    acknowledgedAt: z.string().nullable().openapi({ example: TIMESTAMP }),
    resolvedAt: z.string().nullable().openapi({ example: TIMESTAMP }),
    createdAt: z.string().openapi({ example: TIMESTAMP }),
  })
  .openapi("Alert");

export const AlertIdParams = z.object({
  id: z.uuid().openapi({ param: { name: "id", in: "path" }, example: "4d1c0e2a-8b7d-4e6f-9a43-2f0d6c1b7e55" }),
});

export const ListAlertsQuery = ListAlertsInput.openapi("ListAlertsQuery");

export const AlertListSchema = pageSchema(AlertSchema, "AlertList");
