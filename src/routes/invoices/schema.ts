import { z } from "@hono/zod-openapi";
import { PAYMENT_METHODS, PAYMENT_STATUSES, TENANT_LOCALES } from "../../db/schema";
import { PeriodSchema } from "../../services/payments/schemas";

export const InvoiceParams = z.object({
  id: z.uuid().openapi({ param: { name: "id", in: "path" }, example: "5b0f3c1e-5d1a-4c8e-9a43-2f0d6c1b7e55" }),
  period: PeriodSchema.openapi({ param: { name: "period", in: "path" }, example: "2026-11" }),
});

export const InvoiceLineSchema = z
  .object({
    kind: z.enum(["subscription", "speed_boost"]).openapi({ example: "subscription" }),
    description: z.string().openapi({ example: "Langganan internet Paket 20 Mbps — November 2026" }),
    quantity: z.number().int().openapi({ example: 1 }),
    unitPrice: z.number().int().openapi({ description: "Integer rupiah", example: 150000 }),
    amount: z.number().int().openapi({ description: "Integer rupiah", example: 150000 }),
  })
  .openapi("InvoiceLine");

export const InvoiceSchema = z
  .object({
    invoiceNumber: z.string().openapi({ example: "INV-202611-CUST-000123" }),
    paymentId: z.uuid().openapi({ example: "8d3c2a10-1b7e-4f55-9a43-2f0d6c1b7e55" }),
    period: z.string().openapi({ example: "2026-11" }),
    locale: z.enum(TENANT_LOCALES).openapi({ description: "Language of the descriptions", example: "id" }),
    currency: z.literal("IDR").openapi({ example: "IDR" }),
    status: z.enum(PAYMENT_STATUSES).openapi({ example: "pending" }),
    issueDate: z.string().openapi({ description: "Local date the invoice was created", example: "2026-11-01" }),
    dueDate: z.string().openapi({ example: "2026-11-15" }),
    paymentDate: z
      .string()
      .nullable()
      .openapi({ description: "When it was paid (ISO-8601 UTC instant)", example: "2026-11-14T18:30:00.000Z" }),
    paidOn: z.string().nullable().openapi({
      description: "The day it was paid in the tenant's time zone (YYYY-MM-DD); use this to print a date",
      example: "2026-11-15",
    }),
    paymentMethod: z.enum(PAYMENT_METHODS).nullable().openapi({ example: null }),
    seller: z.object({ name: z.string().openapi({ example: "Warung Net Cibubur" }) }),
    customer: z.object({
      id: z.uuid().openapi({ example: "5b0f3c1e-5d1a-4c8e-9a43-2f0d6c1b7e55" }),
      code: z.string().openapi({ example: "CUST-000123" }),
      name: z.string().openapi({ example: "Siti Rahayu" }),
      address: z.string().openapi({ example: "Jl. Mawar 1, RT 03/RW 05" }),
      phone: z.string().openapi({ example: "+6281234567890" }),
      email: z.string().nullable().openapi({ example: "siti@example.id" }),
    }),
    lines: z.array(InvoiceLineSchema),
    subtotal: z.number().int().openapi({ example: 150000 }),
    total: z.number().int().openapi({ description: "Sum of the lines, integer rupiah", example: 150000 }),
  })
  .openapi("Invoice");
