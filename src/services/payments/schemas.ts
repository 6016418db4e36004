import { z } from "zod";
import { PAYMENT_METHODS, PAYMENT_STATUSES } from "../../db/schema";
import { PageQuerySchema, searchQuery } from "../../lib/pagination";
import { isCalendarDate, PERIOD_PATTERN } from "../../lib/time";

/** A billing period: a month, `YYYY-MM`, in the tenant's time zone. */
export const PeriodSchema = z
  .string()
  .regex(PERIOD_PATTERN, "must be YYYY-MM")
  .meta({ description: "Billing period (month), YYYY-MM", example: "2026-11" });

/** A calendar date, `YYYY-MM-DD`, meant in the tenant's time zone. */
export const CalendarDateSchema = z
  .string()
  .refine(isCalendarDate, "must be a calendar date YYYY-MM-DD")
  .meta({ description: "Calendar date YYYY-MM-DD (tenant time zone)", example: "2026-11-15" });

/** Integer rupiah, strictly positive; the cap keeps sums far below 2^53. */
export const AmountSchema = z
  .number()
  .int()
  .positive()
  .max(1_000_000_000_000)
  .meta({ description: "Integer rupiah, > 0", example: 150000 });

const InstantSchema = z.iso
  .datetime({ offset: true })
  .meta({ description: "ISO-8601 instant", example: "2026-11-14T09:30:00.000Z" });

const NotesSchema = z.string().trim().max(1000).meta({ description: "Free text", example: "Dibayar tunai di kantor" });

export const PaymentStatusSchema = z
  .enum(PAYMENT_STATUSES)
  .meta({ description: "pending → paid | overdue | cancelled; overdue → paid | cancelled", example: "pending" });

export const PaymentMethodSchema = z
  .enum(PAYMENT_METHODS)
  .meta({ description: "How the customer paid", example: "transfer" });

export const CreatePaymentInput = z.object({
  customerId: z
    .uuid()
    .meta({ description: "A customer of this tenant", example: "5b0f3c1e-5d1a-4c8e-9a43-2f0d6c1b7e55" }),
  amount: AmountSchema,
  period: PeriodSchema.optional().meta({
    description: "Billing month this payment settles; at most one payment per customer and period",
  }),
  dueDate: CalendarDateSchema.optional().meta({
    description: "Defaults to the customer's billing day in the period (or the current month)",
  }),
  paymentDate: InstantSchema.optional().meta({ description: "When the money was received: the payment is then paid" }),
  paymentMethod: PaymentMethodSchema.optional(),
  notes: NotesSchema.optional(),
});
export type CreatePaymentInput = z.infer<typeof CreatePaymentInput>;

export const UpdatePaymentStatusInput = z.object({
  status: PaymentStatusSchema,
  paymentDate: InstantSchema.optional().meta({ description: "Only with status paid; defaults to now" }),
  paymentMethod: PaymentMethodSchema.optional().meta({ description: "Only with status paid" }),
});
export type UpdatePaymentStatusInput = z.infer<typeof UpdatePaymentStatusInput>;

export const ListPaymentsQuery = PageQuerySchema.extend({
  status: PaymentStatusSchema.optional(),
  customerId: z.uuid().optional().meta({ description: "Only this customer's payments" }),
  period: PeriodSchema.optional(),
  dueFrom: CalendarDateSchema.optional().meta({ description: "Due on or after this date" }),
  dueTo: CalendarDateSchema.optional().meta({ description: "Due on or before this date" }),
  paidFrom: CalendarDateSchema.optional().meta({
    description: "Paid on or after this day (the tenant's time zone); unpaid payments are left out",
  }),
  paidTo: CalendarDateSchema.optional().meta({
    description: "Paid on or before this day, the whole day included (the tenant's time zone)",
  }),
  search: searchQuery("Matches invoice number, customer name or code", "INV-202611"),
});
export type ListPaymentsQuery = z.infer<typeof ListPaymentsQuery>;
