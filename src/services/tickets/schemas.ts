import { z } from "zod";
import { TICKET_PRIORITIES, TICKET_STATUSES } from "../../db/schema";
import { PageQuerySchema, searchQuery } from "../../lib/pagination";
import { plainTextSchema } from "../devices/schemas";

export const TicketStatusSchema = z
  .enum(TICKET_STATUSES)
  .meta({ description: "open → in_progress → resolved → closed", example: "in_progress" });

export const TicketPrioritySchema = z
  .enum(TICKET_PRIORITIES)
  .meta({ description: "low | medium | high | urgent", example: "high" });

const ticketFields = {
  title: plainTextSchema(200).meta({ description: "Short summary", example: "Internet mati sejak pagi" }),
  description: z
    .string()
    .trim()
    .min(1)
    .max(5000)
    .meta({ description: "What the customer reports", example: "Lampu LOS merah di modem, sudah restart" }),
  priority: TicketPrioritySchema,
};

export const CreateTicketInput = z.object({
  customerId: z
    .uuid()
    .meta({ description: "A customer of this tenant", example: "5b0f3c1e-5d1a-4c8e-9a43-2f0d6c1b7e55" }),
  ...ticketFields,
  priority: ticketFields.priority.default("medium"),
});
export type CreateTicketInput = z.infer<typeof CreateTicketInput>;

export const UpdateTicketInput = z.object(ticketFields).partial();
export type UpdateTicketInput = z.infer<typeof UpdateTicketInput>;

export const UpdateTicketStatusInput = z.object({ status: TicketStatusSchema });
export type UpdateTicketStatusInput = z.infer<typeof UpdateTicketStatusInput>;

export const AssignTicketInput = z.object({
  userId: z.uuid().nullable().meta({
    description: "An active staff user who may work tickets; null unassigns",
    example: "2f0d6c1b-7e55-4d1a-9a43-0b6f3c1e5d1a",
  }),
});
export type AssignTicketInput = z.infer<typeof AssignTicketInput>;

export const AddCommentInput = z.object({
  body: z.string().trim().min(1).max(5000).meta({ description: "The comment", example: "Teknisi menuju lokasi" }),
});
export type AddCommentInput = z.infer<typeof AddCommentInput>;

export const ListTicketsQuery = PageQuerySchema.extend({
  status: TicketStatusSchema.optional(),
  priority: TicketPrioritySchema.optional(),
  customerId: z.uuid().optional().meta({ description: "Only this customer's tickets" }),
  assignedTo: z.uuid().optional().meta({ description: "Only tickets assigned to this user" }),
  search: searchQuery("Part of the title or ticket number", "TKT-202611"),
});
export type ListTicketsQuery = z.infer<typeof ListTicketsQuery>;
