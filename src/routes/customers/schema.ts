import { z } from "@hono/zod-openapi";
import { CUSTOMER_STATUSES, PROVISIONING_STATES, SUSPENSION_CAUSES } from "../../db/schema";
import { PageQuerySchema, searchQuery } from "../../lib/pagination";
import {
  CalendarDateSchema,
  CreateCustomerInput,
  UpdateCustomerInput,
  UpdateCustomerStatusInput,
} from "../../services/customers/schemas";
import { pageSchema } from "../shared";

const ID = "5b0f3c1e-5d1a-4c8e-9a43-2f0d6c1b7e55";
const TIMESTAMP = "2026-11-24T08:00:00.000Z";

export const CustomerSchema = z
  .object({
    id: z.uuid().openapi({ example: ID }),
    customerCode: z.string().openapi({ description: "Per-tenant, generated", example: "CUST-000123" }),
    name: z.string().openapi({ example: "Siti Aminah" }),
    email: z.string().nullable().openapi({ example: "siti@example.com" }),
    phone: z.string().openapi({ description: "E.164", example: "+6281234567890" }),
    address: z.string().openapi({ example: "Jl. Mawar No. 12, RT 03/RW 05" }),
    latitude: z.number().nullable().openapi({ example: -6.3722 }),
    longitude: z.number().nullable().openapi({ example: 106.8924 }),
    servicePlanId: z.uuid().openapi({ description: "The subscribed plan", example: ID }),
    effectivePlanId: z
      .uuid()
      .nullable()
      .openapi({ description: "The plan enforced now when it differs (an active speed boost); null = subscribed" }),
    routerId: z.uuid().nullable().openapi({ example: ID }),
    status: z.enum(CUSTOMER_STATUSES).openapi({ example: "active" }),
    suspensionCause: z
      .enum(SUSPENSION_CAUSES)
      .nullable()
      .openapi({
        description:
          "While suspended: `nonpayment` (isolir by the overdue job; lifted automatically once the overdue " +
          "invoices are paid or cancelled) or `manual` (by staff); null otherwise",
        example: null,
      }),
    installationDate: z.string().nullable().openapi({ example: "2026-11-01" }),
    billingDay: z.number().int().openapi({ description: "Day of month invoices fall due", example: 15 }),
    monthlyFee: z.number().int().openapi({ description: "Integer rupiah", example: 200000 }),
    notes: z.string().nullable().openapi({ example: "Rumah cat hijau" }),
    pppoeUsername: z.string().nullable().openapi({ example: "cust-000123" }),
    hasPppoePassword: z.boolean().openapi({ description: "The password itself is never returned", example: true }),
    provisioningState: z
      .enum(PROVISIONING_STATES)
      .openapi({ description: "Whether the router reflects this customer yet", example: "pending" }),
    provisioningError: z.string().nullable().openapi({ description: "Last provisioning failure", example: null }),
    createdAt: z.string().openapi({ example: TIMESTAMP }),
    updatedAt: z.string().openapi({ example: TIMESTAMP }),
  })
  .openapi("Customer");

export const CreateCustomerBody = CreateCustomerInput.strict().openapi("CreateCustomer", {
  example: {
    name: "Siti Aminah",
    phone: "0812-3456-7890",
    address: "Jl. Mawar No. 12, RT 03/RW 05",
    servicePlanId: ID,
    billingDay: 10,
    installationDate: "2026-11-01",
  },
});

export const UpdateCustomerBody = UpdateCustomerInput.strict().openapi("UpdateCustomer", {
  example: { servicePlanId: ID, notes: "Pindah ke paket 50 Mbps" },
});

export const UpdateCustomerStatusBody = UpdateCustomerStatusInput.strict().openapi("UpdateCustomerStatus", {
  example: { status: "suspended", reason: "Belum bayar 2 bulan" },
});

export const CustomerIdParams = z.object({
  id: z.uuid().openapi({ param: { name: "id", in: "path" }, example: ID }),
});

export const ListCustomersQuery = PageQuerySchema.extend({
  search: searchQuery("Part of the name, code, phone (also as 08…), email or PPPoE username", "siti"),
  status: z.enum(CUSTOMER_STATUSES).optional().openapi({ example: "active" }),
  servicePlanId: z.uuid().optional().openapi({ description: "Subscribed plan", example: ID }),
  routerId: z.uuid().optional().openapi({ example: ID }),
  installedFrom: CalendarDateSchema.optional().openapi({ description: "Installed on or after", example: "2026-01-01" }),
  installedTo: CalendarDateSchema.optional().openapi({ description: "Installed on or before", example: "2026-12-31" }),
}).refine((q) => !q.installedFrom || !q.installedTo || q.installedFrom <= q.installedTo, {
  message: "installedFrom must not be after installedTo",
  path: ["installedFrom"],
});

export const CustomerListSchema = pageSchema(CustomerSchema, "CustomerList");

export const CustomerStatsSchema = z
  .object({
    total: z.number().int().openapi({ description: "Live customers (sum of the three)", example: 120 }),
    active: z.number().int().openapi({ example: 100 }),
    suspended: z.number().int().openapi({ example: 15 }),
    terminated: z.number().int().openapi({ example: 5 }),
  })
  .openapi("CustomerStats");
