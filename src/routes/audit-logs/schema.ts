import { z } from "@hono/zod-openapi";
import { AUDIT_ACTOR_TYPES } from "../../db/schema";
import { PageQuerySchema } from "../../lib/pagination";
import { isCalendarDate } from "../../lib/time";
import { pageSchema } from "../shared";

const ID = "0b6f3c1e-5d1a-4c8e-9a43-2f0d6c1b7e55";

export const AuditLogSchema = z
  .object({
    id: z.uuid().openapi({ example: ID }),
    userId: z.uuid().nullable().openapi({ description: "The user who acted; null for system actors", example: ID }),
    actorType: z.enum(AUDIT_ACTOR_TYPES).openapi({ example: "user" }),
    action: z.string().openapi({ description: "create, update, delete or a domain verb", example: "update" }),
    entityType: z.string().openapi({ example: "user" }),
    entityId: z.string().openapi({ example: ID }),
    changes: z.unknown().openapi({
      description: "`{ field: { old, new } }` for updates, the record for create/delete; secrets redacted",
      example: { role: { old: "viewer", new: "operator" } },
    }),
    ipAddress: z.string().nullable().openapi({ example: "203.0.113.7" }),
    userAgent: z.string().nullable().openapi({ example: "Mozilla/5.0" }),
    requestId: z.string().nullable().openapi({ example: "9b2f3c1e-5d1a-4c8e-9a43-2f0d6c1b7e55" }),
    createdAt: z.string().openapi({ example: "2026-11-24T08:00:00.000Z" }),
  })
  .openapi("AuditLog");

/** An ISO date-time with offset, or a calendar date (a day in the tenant's time zone). */
const Instant = z.string().refine((s) => isCalendarDate(s) || z.iso.datetime({ offset: true }).safeParse(s).success, {
  message: "must be an ISO 8601 date-time (2026-11-24T08:00:00Z) or a date (2026-11-24)",
});

export const ListAuditLogsQuery = PageQuerySchema.extend({
  entity_type: z.string().trim().min(1).max(64).optional().openapi({ example: "customer" }),
  entity_id: z.string().trim().min(1).max(200).optional().openapi({ example: ID }),
  user_id: z.uuid().optional().openapi({ description: "Rows of this user's actions", example: ID }),
  action: z.string().trim().min(1).max(64).optional().openapi({ example: "update" }),
  from: Instant.optional().openapi({ description: "Start, inclusive (a date: its start)", example: "2026-11-01" }),
  to: Instant.optional().openapi({
    description: "End, exclusive for a date-time; a date includes that whole day",
    example: "2026-11-30",
  }),
});

export const AuditLogListSchema = pageSchema(AuditLogSchema, "AuditLogList");
