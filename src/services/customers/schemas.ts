import { z } from "zod";
import { CUSTOMER_STATUSES } from "../../db/schema";
import { isCalendarDate } from "../../lib/time";
import { EmailSchema, PlainNameSchema } from "../tenants/schemas";
import { normalizeIndonesianPhone } from "./phone";
import { PPPOE_PASSWORD, PPPOE_USERNAME } from "./pppoe";

const UUID_EXAMPLE = "5b0f3c1e-5d1a-4c8e-9a43-2f0d6c1b7e55";

export const PhoneSchema = z
  .string()
  .max(32)
  .transform((s, ctx) => {
    const e164 = normalizeIndonesianPhone(s);
    if (e164 === null) {
      ctx.addIssue({ code: "custom", message: "must be an Indonesian mobile number (08…, 628… or +628…)" });
      return z.NEVER;
    }
    return e164;
  })
  .meta({ description: "Indonesian mobile number; stored as E.164 (+628…)", example: "0812-3456-7890" });

export const CalendarDateSchema = z
  .string()
  .refine(isCalendarDate, "must be a calendar date YYYY-MM-DD")
  .meta({ description: "Calendar date YYYY-MM-DD", example: "2026-11-01" });

export const CustomerStatusSchema = z
  .enum(CUSTOMER_STATUSES)
  .meta({ description: "active ↔ suspended, either → terminated (final)", example: "active" });

/** Fields without defaults, so the PATCH schema (`.partial()`) never fills any in. */
const fields = {
  name: PlainNameSchema.meta({ description: "Subscriber's name", example: "Siti Aminah" }),
  phone: PhoneSchema,
  address: z
    .string()
    .trim()
    .min(1)
    .max(500)
    .refine((a) => !/[<>]/.test(a), "must not contain < or >")
    .meta({ description: "Installation address", example: "Jl. Mawar No. 12, RT 03/RW 05" }),
  email: EmailSchema.nullable().meta({ description: "Optional; stored lower-case", example: "siti@example.com" }),
  servicePlanId: z.uuid().meta({ description: "A plan of this tenant", example: UUID_EXAMPLE }),
  routerId: z
    .uuid()
    .nullable()
    .meta({ description: "The MikroTik router serving the customer", example: UUID_EXAMPLE }),
  latitude: z.number().min(-90).max(90).nullable().meta({ description: "WGS84, with longitude", example: -6.3722 }),
  longitude: z.number().min(-180).max(180).nullable().meta({ description: "WGS84, with latitude", example: 106.8924 }),
  installationDate: CalendarDateSchema.nullable(),
  billingDay: z
    .number()
    .int()
    .min(1)
    .max(28)
    .meta({ description: "Day of month invoices fall due (1–28)", example: 15 }),
  monthlyFee: z
    .number()
    .int()
    .min(0)
    .max(1_000_000_000)
    .meta({ description: "Integer rupiah; defaults to the plan's price (0 = complimentary)", example: 200000 }),
  notes: z.string().trim().max(2000).nullable().meta({ description: "Free text", example: "Rumah cat hijau" }),
  pppoeUsername: z
    .string()
    .trim()
    .regex(PPPOE_USERNAME, "letters, digits, '.', '_', '@' and '-' (1–64)")
    .meta({ description: "Unique in the tenant; defaults to the customer code in lower case", example: "siti.aminah" }),
  pppoePassword: z
    .string()
    .regex(PPPOE_PASSWORD, "6–64 printable characters, no spaces")
    .meta({ description: "Write-only, stored encrypted; generated when omitted", example: "rahasia123" }),
};

export const CreateCustomerInput = z.object({
  ...fields,
  email: fields.email.optional(),
  routerId: fields.routerId.optional(),
  latitude: fields.latitude.optional(),
  longitude: fields.longitude.optional(),
  installationDate: fields.installationDate.optional(),
  billingDay: fields.billingDay.default(15),
  monthlyFee: fields.monthlyFee.optional(),
  notes: fields.notes.optional(),
  pppoeUsername: fields.pppoeUsername.optional(),
  pppoePassword: fields.pppoePassword.optional(),
});
export type CreateCustomerInput = z.infer<typeof CreateCustomerInput>;

export const UpdateCustomerInput = z.object(fields).partial();
export type UpdateCustomerInput = z.infer<typeof UpdateCustomerInput>;

export const UpdateCustomerStatusInput = z.object({
  status: CustomerStatusSchema,
  reason: z.string().trim().min(1).max(500).optional().meta({ description: "Why", example: "Belum bayar 2 bulan" }),
});
export type UpdateCustomerStatusInput = z.infer<typeof UpdateCustomerStatusInput>;
