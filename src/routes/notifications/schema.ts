import { z } from "@hono/zod-openapi";
import { NOTIFICATION_CHANNELS, NOTIFICATION_STATUSES } from "../../db/schema";
import { ListNotificationsQuery as Input } from "../../services/notifications/list";
import { pageSchema } from "../shared";

export const NotificationSchema = z
  .object({
    id: z.uuid().openapi({ example: "7a1c2e3f-9b7d-4c1e-8a43-2f0d6c1b7e55" }),
    channel: z.enum(NOTIFICATION_CHANNELS).openapi({ example: "email" }),
    template: z.string().openapi({ description: "Which email", example: "payment_overdue" }),
    recipient: z.string().openapi({ example: "siti.rahayu@example.id" }),
    subject: z.string().nullable().openapi({ example: "Tagihan INV-202611-CUST-000123 telah jatuh tempo" }),
    status: z.enum(NOTIFICATION_STATUSES).openapi({ description: "queued → sent | failed", example: "sent" }),
    attempts: z.number().int().openapi({ description: "Send attempts so far (at most 3)", example: 1 }),
    lastError: z.string().nullable().openapi({ description: "The last failure, e.g. an SMTP reply", example: null }),
    messageId: z
      .string()
      .nullable()
      .openapi({ description: "Message-ID of the sent email", example: "<abc@rtrwnet.id>" }),
    sentAt: z.string().nullable().openapi({ example: "2026-11-25T01:00:03.000Z" }),
    createdAt: z.string().openapi({ example: "2026-11-25T01:00:00.000Z" }),
    updatedAt: z.string().openapi({ example: "2026-11-25T01:00:03.000Z" }),
  })
  .openapi("Notification");

export const ListNotificationsQuery = Input.openapi("ListNotificationsQuery");
export const NotificationListSchema = pageSchema(NotificationSchema, "NotificationList");
