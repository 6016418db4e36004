import { z } from "zod";
import { ALERT_SEVERITIES, ALERT_STATUSES, ALERT_TYPES } from "../../db/schema";
import { PageQuerySchema } from "../../lib/pagination";

export const ListAlertsQuery = PageQuerySchema.extend({
  type: z.enum(ALERT_TYPES).optional().meta({ description: "Only alerts of this type", example: "low_stock" }),
  severity: z.enum(ALERT_SEVERITIES).optional().meta({ description: "Only this severity", example: "critical" }),
  status: z.enum(ALERT_STATUSES).optional().meta({ description: "Only alerts in this state", example: "open" }),
  entityType: z
    .string()
    .trim()
    .regex(/^[a-z_]{1,50}$/, "lower-case letters and underscores")
    .optional()
    .meta({ description: "Only alerts about this kind of entity", example: "infrastructure_item" }),
  entityId: z
    .string()
    .trim()
    .min(1)
    .max(100)
    .optional()
    .meta({ description: "Only alerts about this entity", example: "4d1c0e2a-8b7d-4e6f-9a43-2f0d6c1b7e55" }),
});
export type ListAlertsQuery = z.infer<typeof ListAlertsQuery>;
