import { z } from "zod";
import { PlainNameSchema } from "../tenants/schemas";

/** Mbps, strictly positive (Property 16); 100 Gbps is far beyond any RT/RW Net plan. */
const SpeedSchema = z.number().int().positive().max(100_000);

/** Integer rupiah, strictly positive (Property 16); the cap keeps sums far below 2^53. */
const PriceSchema = z.number().int().positive().max(1_000_000_000);

/** A RouterOS object name (IP pool, queue type, parent queue): no spaces, nothing the CLI would quote. */
export const RouterOsNameSchema = z
  .string()
  .trim()
  .regex(/^[A-Za-z0-9._-]{1,64}$/, "letters, digits, '.', '_' and '-' only (1–64)");

const IPV4 = /^(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(\.(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}$/;

/** Fields of a plan without defaults, so the PATCH schema (`.partial()`) never fills any in. */
const planFields = {
  name: PlainNameSchema.max(100).meta({ description: "Unique within the tenant", example: "Paket 20 Mbps" }),
  description: z
    .string()
    .trim()
    .max(1000)
    .nullable()
    .meta({ description: "Shown to operators and on invoices", example: "Cocok untuk keluarga dan streaming" }),
  speedDownloadMbps: SpeedSchema.meta({ description: "Customer download speed, Mbps (> 0)", example: 20 }),
  speedUploadMbps: SpeedSchema.meta({ description: "Customer upload speed, Mbps (> 0)", example: 10 }),
  price: PriceSchema.meta({ description: "Monthly price, integer rupiah (> 0)", example: 200000 }),
  isActive: z.boolean().meta({ description: "Retired plans keep their customers but take no new ones", example: true }),
  features: z
    .array(PlainNameSchema)
    .max(20)
    .meta({ description: "Marketing bullet points", example: ["Unlimited", "Gratis instalasi"] }),
};

export const CreatePlanInput = z.object({
  ...planFields,
  description: planFields.description.optional(),
  isActive: planFields.isActive.default(true),
  features: planFields.features.default([]),
});
export type CreatePlanInput = z.infer<typeof CreatePlanInput>;

export const UpdatePlanInput = z.object(planFields).partial();
export type UpdatePlanInput = z.infer<typeof UpdatePlanInput>;

/**
 * MikroTik tuning of a plan (PUT replaces it whole). Burst values are the download direction; the
 * upload direction is derived in proportion to the plan's speeds (see rate-limit.ts).
 */
export const AdvancedSettingsInput = z
  .object({
    burstEnabled: z.boolean().default(false).meta({ description: "Whether the rate limit carries a burst" }),
    burstLimitMbps: SpeedSchema.nullable()
      .default(null)
      .meta({ description: "Download burst rate, Mbps; above the plan's download speed", example: 30 }),
    burstThresholdMbps: SpeedSchema.nullable()
      .default(null)
      .meta({ description: "Average download rate below which burst is allowed, Mbps", example: 16 }),
    burstTimeSeconds: z
      .number()
      .int()
      .positive()
      .max(3600)
      .nullable()
      .default(null)
      .meta({ description: "Burst averaging window, seconds", example: 10 }),
    priority: z
      .number()
      .int()
      .min(1)
      .max(8)
      .default(8)
      .meta({ description: "Queue priority, 1 = highest", example: 8 }),
    maxConnections: z
      .number()
      .int()
      .positive()
      .max(1_000_000)
      .nullable()
      .default(null)
      .meta({ description: "Connection limit per customer", example: 500 }),
    addressPool: RouterOsNameSchema.nullable()
      .default(null)
      .meta({ description: "RouterOS IP pool for PPPoE clients", example: "pool-20mbps" }),
    dnsServers: z
      .array(z.string().trim().regex(IPV4, "must be an IPv4 address"))
      .max(2)
      .refine((a) => new Set(a).size === a.length, "must not repeat an address")
      .default([])
      .meta({
        description: "DNS servers handed to PPPoE clients (RouterOS takes two)",
        example: ["8.8.8.8", "1.1.1.1"],
      }),
    transparentProxy: z.boolean().default(false).meta({ description: "Redirect web traffic to the router's proxy" }),
    queueType: RouterOsNameSchema.default("pcq").meta({ description: "RouterOS queue type", example: "pcq" }),
    parentQueue: RouterOsNameSchema.nullable()
      .default(null)
      .meta({ description: "Parent simple queue", example: "total-bandwidth" }),
  })
  .superRefine((s, ctx) => {
    if (!s.burstEnabled) return;
    for (const field of ["burstLimitMbps", "burstThresholdMbps", "burstTimeSeconds"] as const) {
      if (s[field] === null) ctx.addIssue({ code: "custom", path: [field], message: "required when burstEnabled" });
    }
  });
export type AdvancedSettingsInput = z.infer<typeof AdvancedSettingsInput>;
