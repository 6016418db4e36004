import { z } from "@hono/zod-openapi";
import { PAYMENT_METHODS, PAYMENT_STATUSES } from "../../db/schema";
import {
  CreatePaymentInput,
  ListPaymentsQuery as ListPaymentsInput,
  UpdatePaymentStatusInput,
} from "../../services/payments/schemas";
import { pageSchema } from "../shared";

export const PaymentSchema = z
  .object({
    id: z.uuid().openapi({ example: "8d3c2a10-1b7e-4f55-9a43-2f0d6c1b7e55" }),
    invoiceNumber: z.string().openapi({
      description: "INV-<YYYYMM>-<customer code>, with -<n> for payments outside a billing period",
      example: "INV-202611-CUST-000123",
    }),
    customerId: z.uuid().openapi({ example: "5b0f3c1e-5d1a-4c8e-9a43-2f0d6c1b7e55" }),
    customerCode: z.string().openapi({ example: "CUST-000123" }),
    customerName: z.string().openapi({ example: "Siti Rahayu" }),
    period: z.string().nullable().openapi({ description: "Billing month YYYY-MM, if any", example: "2026-11" }),
    amount: z.number().int().openapi({ description: "Integer rupiah", example: 150000 }),
    dueDate: z.string().openapi({ description: "Calendar date in the tenant's time zone", example: "2026-11-15" }),
    paymentDate: z
      .string()
      .nullable()
      .openapi({ description: "When it was paid (UTC)", example: "2026-11-14T09:30:00.000Z" }),
    status: z.enum(PAYMENT_STATUSES).openapi({ example: "paid" }),
    paymentMethod: z.enum(PAYMENT_METHODS).nullable().openapi({ example: "transfer" }),
    notes: z.string().nullable().openapi({ example: "Dibayar tunai di kantor" }),
    createdAt: z.string().openapi({ example: "2026-11-01T00:00:05.000Z" }),
    updatedAt: z.string().openapi({ example: "2026-11-14T09:30:00.000Z" }),
  })
  .openapi("Payment");

export const CreatePaymentBody = CreatePaymentInput.strict().openapi("CreatePayment", {
  example: {
    customerId: "5b0f3c1e-5d1a-4c8e-9a43-2f0d6c1b7e55",
    amount: 150000,
    period: "2026-11",
    paymentDate: "2026-11-14T09:30:00.000Z",
    paymentMethod: "cash",
  },
});

export const UpdatePaymentStatusBody = UpdatePaymentStatusInput.strict().openapi("UpdatePaymentStatus", {
  example: { status: "paid", paymentMethod: "transfer" },
});

export const ListPaymentsQuery = ListPaymentsInput.openapi("ListPaymentsQuery");

export const PaymentIdParams = z.object({
  id: z.uuid().openapi({ param: { name: "id", in: "path" }, example: "8d3c2a10-1b7e-4f55-9a43-2f0d6c1b7e55" }),
});

export const PaymentListSchema = pageSchema(PaymentSchema, "PaymentList");
