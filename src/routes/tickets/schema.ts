import { z } from "@hono/zod-openapi";
import { TICKET_PRIORITIES, TICKET_STATUSES } from "../../db/schema";
import { PageQuerySchema } from "../../lib/pagination";
import {
  AddCommentInput,
  AssignTicketInput,
  CreateTicketInput,
  ListTicketsQuery as ListTicketsInput,
  UpdateTicketInput,
  UpdateTicketStatusInput,
} from "../../services/tickets/schemas";
import { pageSchema } from "../shared";

const TIMESTAMP = "2026-11-24T08:00:00.000Z";
const USER_ID = "2f0d6c1b-7e55-4d1a-9a43-0b6f3c1e5d1a";

export const TicketSchema = z
  .object({
    id: z.uuid().openapi({ example: "1b7e552f-0d6c-4c8e-9a43-5d1a0b6f3c1e" }),
    ticketNumber: z.string().openapi({
      description: "TKT-<YYYYMM>-<n>, per tenant and month (tenant time zone)",
      example: "TKT-202611-0007",
    }),
    customerId: z.uuid().openapi({ example: "5b0f3c1e-5d1a-4c8e-9a43-2f0d6c1b7e55" }),
    customerCode: z.string().openapi({ example: "CUST-000123" }),
    customerName: z.string().openapi({ example: "Siti Rahayu" }),
    title: z.string().openapi({ example: "Internet mati sejak pagi" }),
    description: z.string().openapi({ example: "Lampu LOS merah di modem, sudah restart" }),
    status: z.enum(TICKET_STATUSES).openapi({ description: "open → in_progress → resolved → closed", example: "open" }),
    priority: z.enum(TICKET_PRIORITIES).openapi({ example: "high" }),
    assignedTo: z.uuid().nullable().openapi({ description: "Assigned staff user", example: USER_ID }),
    assigneeName: z.string().nullable().openapi({ example: "Agus Teknisi" }),
    resolvedAt: z.string().nullable().openapi({ description: "Set when it became resolved (UTC)", example: TIMESTAMP }),
    closedAt: z.string().nullable().openapi({ description: "Set when it was closed (UTC)", example: null }),
    createdAt: z.string().openapi({ example: TIMESTAMP }),
    updatedAt: z.string().openapi({ example: TIMESTAMP }),
  })
  .openapi("Ticket");

export const TicketCommentSchema = z
  .object({
    id: z.uuid().openapi({ example: "7e551b2f-0d6c-4c8e-9a43-5d1a0b6f3c1e" }),
    ticketId: z.uuid().openapi({ example: "1b7e552f-0d6c-4c8e-9a43-5d1a0b6f3c1e" }),
    authorId: z.uuid().nullable().openapi({ description: "Null for system actors or deleted users", example: USER_ID }),
    authorName: z.string().nullable().openapi({ example: "Agus Teknisi" }),
    body: z.string().openapi({ example: "Teknisi menuju lokasi" }),
    createdAt: z.string().openapi({ example: TIMESTAMP }),
  })
  .openapi("TicketComment");

export const CreateTicketBody = CreateTicketInput.strict().openapi("CreateTicket", {
  example: {
    customerId: "5b0f3c1e-5d1a-4c8e-9a43-2f0d6c1b7e55",
    title: "Internet mati sejak pagi",
    description: "Lampu LOS merah di modem, sudah restart",
    priority: "high",
  },
});

export const UpdateTicketBody = UpdateTicketInput.strict().openapi("UpdateTicket", { example: { priority: "urgent" } });

export const UpdateTicketStatusBody = UpdateTicketStatusInput.strict().openapi("UpdateTicketStatus", {
  example: { status: "in_progress" },
});

export const AssignTicketBody = AssignTicketInput.strict().openapi("AssignTicket", { example: { userId: USER_ID } });

export const AddCommentBody = AddCommentInput.strict().openapi("AddTicketComment", {
  example: { body: "Teknisi menuju lokasi" },
});

export const TicketIdParams = z.object({
  id: z.uuid().openapi({ param: { name: "id", in: "path" }, example: "1b7e552f-0d6c-4c8e-9a43-5d1a0b6f3c1e" }),
});

export const ListTicketsQuery = ListTicketsInput.openapi("ListTicketsQuery");
export const ListCommentsQuery = PageQuerySchema;

export const TicketListSchema = pageSchema(TicketSchema, "TicketList");
export const TicketCommentListSchema = pageSchema(TicketCommentSchema, "TicketCommentList");
