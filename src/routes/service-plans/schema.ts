import { z } from "@hono/zod-openapi";
import { PageQuerySchema, searchQuery } from "../../lib/pagination";
import { AdvancedSettingsInput, CreatePlanInput, UpdatePlanInput } from "../../services/service-plans/schemas";
import { pageSchema } from "../shared";

const TIMESTAMP = "2026-11-24T08:00:00.000Z";

export const ServicePlanSchema = z
  .object({
    id: z.uuid().openapi({ example: "7c1e4b8a-2f0d-4c8e-9a43-5d1a0b6f3c1e" }),
    name: z.string().openapi({ description: "Unique within the tenant", example: "Paket 20 Mbps" }),
    description: z.string().nullable().openapi({ example: "Cocok untuk keluarga dan streaming" }),
    speedDownloadMbps: z.number().int().openapi({ description: "Customer download, Mbps", example: 20 }),
    speedUploadMbps: z.number().int().openapi({ description: "Customer upload, Mbps", example: 10 }),
    price: z.number().int().openapi({ description: "Monthly price, integer rupiah", example: 200000 }),
    isActive: z.boolean().openapi({ description: "Retired plans take no new customers", example: true }),
    features: z.array(z.string()).openapi({ example: ["Unlimited", "Gratis instalasi"] }),
    createdAt: z.string().openapi({ example: TIMESTAMP }),
    updatedAt: z.string().openapi({ example: TIMESTAMP }),
  })
  .openapi("ServicePlan");

export const CreatePlanBody = CreatePlanInput.strict().openapi("CreateServicePlan", {
  example: {
    name: "Paket 20 Mbps",
    speedDownloadMbps: 20,
    speedUploadMbps: 10,
    price: 200000,
    features: ["Unlimited"],
  },
});

export const UpdatePlanBody = UpdatePlanInput.strict().openapi("UpdateServicePlan", {
  example: { price: 225000, isActive: true },
});

export const PlanIdParams = z.object({
  id: z.uuid().openapi({ param: { name: "id", in: "path" }, example: "7c1e4b8a-2f0d-4c8e-9a43-5d1a0b6f3c1e" }),
});

export const ListPlansQuery = PageQuerySchema.extend({
  search: searchQuery("Part of the name", "20 Mbps"),
  active: z
    .enum(["true", "false"])
    .transform((v) => v === "true")
    .optional()
    .openapi({ description: "Only active (true) or retired (false) plans", example: "true" }),
});

export const PlanListSchema = pageSchema(ServicePlanSchema, "ServicePlanList");

export const AdvancedSettingsBody = AdvancedSettingsInput.strict().openapi("ServicePlanAdvancedSettingsInput", {
  example: {
    burstEnabled: true,
    burstLimitMbps: 30,
    burstThresholdMbps: 16,
    burstTimeSeconds: 10,
    priority: 8,
    dnsServers: ["8.8.8.8", "1.1.1.1"],
    queueType: "pcq",
  },
});

export const AdvancedSettingsSchema = z
  .object({
    servicePlanId: z.uuid().openapi({ example: "7c1e4b8a-2f0d-4c8e-9a43-5d1a0b6f3c1e" }),
    configured: z.boolean().openapi({ description: "False: never set, these are the defaults", example: true }),
    burstEnabled: z.boolean().openapi({ example: true }),
    burstLimitMbps: z.number().int().nullable().openapi({ description: "Download burst rate, Mbps", example: 30 }),
    burstThresholdMbps: z.number().int().nullable().openapi({ description: "Download threshold, Mbps", example: 16 }),
    burstTimeSeconds: z.number().int().nullable().openapi({ example: 10 }),
    priority: z.number().int().openapi({ description: "1 = highest … 8 = lowest", example: 8 }),
    maxConnections: z.number().int().nullable().openapi({ example: 500 }),
    addressPool: z.string().nullable().openapi({ example: "pool-20mbps" }),
    dnsServers: z.array(z.string()).openapi({ example: ["8.8.8.8", "1.1.1.1"] }),
    transparentProxy: z.boolean().openapi({ example: false }),
    queueType: z.string().openapi({ example: "pcq" }),
    parentQueue: z.string().nullable().openapi({ example: "total-bandwidth" }),
    rateLimit: z.string().openapi({
      description:
        "Read-only RouterOS rate-limit, rx/tx = customer upload/download: " +
        "`rx/tx [burst-rx/burst-tx threshold-rx/threshold-tx time-rx/time-tx priority]`; " +
        "upload burst figures keep the plan's upload/download ratio",
      example: "10M/20M 15M/30M 8M/16M 10/10 8",
    }),
    updatedAt: z.string().nullable().openapi({ example: TIMESTAMP }),
  })
  .openapi("ServicePlanAdvancedSettings");
