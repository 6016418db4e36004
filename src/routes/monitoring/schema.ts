import { z } from "@hono/zod-openapi";
import { PERIODS } from "../../services/monitoring/periods";
import { MonitoringSettingsInput } from "../../services/monitoring/settings";

const TIMESTAMP = "2026-11-24T08:00:00.000Z";
const CUSTOMER_ID = "5b0f3c1e-5d1a-4c8e-9a43-2f0d6c1b7e55";

export const CustomerIdParams = z.object({
  id: z.uuid().openapi({ param: { name: "id", in: "path" }, example: CUSTOMER_ID }),
});

export const UsageQuery = z
  .object({
    period: z
      .enum(PERIODS)
      .default("24h")
      .openapi({ description: "1h and 24h from raw samples, 7d and 30d from hourly roll-ups", example: "24h" }),
  })
  .openapi("UsageQuery");

const bytes = (description: string) => z.number().int().openapi({ description, example: 1_073_741_824 });
const bps = (description: string) => z.number().int().openapi({ description, example: 18_000_000 });

const UsagePointSchema = z
  .object({
    start: z.string().openapi({ description: "Start of the point (UTC)", example: TIMESTAMP }),
    downloadBytes: bytes("Bytes the customer downloaded"),
    uploadBytes: bytes("Bytes the customer uploaded"),
    maxDownloadBps: bps("Highest download rate seen, bits/s"),
    maxUploadBps: bps("Highest upload rate seen, bits/s"),
    samples: z.number().int().openapi({ description: "Samples summed", example: 60 }),
  })
  .openapi("UsagePoint");

export const CustomerUsageSchema = z
  .object({
    customerId: z.uuid().openapi({ example: CUSTOMER_ID }),
    period: z.enum(PERIODS).openapi({ example: "24h" }),
    from: z.string().openapi({ description: "Window start (UTC, inclusive)", example: TIMESTAMP }),
    to: z.string().openapi({ description: "Window end (UTC, inclusive)", example: TIMESTAMP }),
    totals: z
      .object({
        downloadBytes: bytes("Sum of the samples in the window"),
        uploadBytes: bytes("Sum of the samples in the window"),
        totalBytes: bytes("Download plus upload"),
        maxDownloadBps: bps("Highest download rate"),
        maxUploadBps: bps("Highest upload rate"),
        avgDownloadBps: bps("Average download rate over the window"),
        avgUploadBps: bps("Average upload rate over the window"),
        samples: z.number().int().openapi({ example: 1440 }),
      })
      .openapi({ description: "Over the whole window" }),
    series: z.array(UsagePointSchema).openapi({ description: "Per minute (1h), hour (24h, 7d) or day (30d)" }),
  })
  .openapi("CustomerUsage");

const count = (example: number) => z.number().int().openapi({ example });

export const NetworkOverviewSchema = z
  .object({
    customers: z
      .object({ total: count(120), active: count(110), suspended: count(8), terminated: count(2), online: count(97) })
      .openapi({ description: "Live customers by status; online = sampled in the last 5 minutes" }),
    allocatedBandwidth: z
      .object({ downloadMbps: count(2200), uploadMbps: count(1100) })
      .openapi({ description: "Sum of the active customers' enforced plans (the boost plan during a boost)" }),
    throughput: z
      .object({ downloadBps: bps("Current download, bits/s"), uploadBps: bps("Current upload, bits/s") })
      .openapi({ description: "Latest rates of the customers online now" }),
    usage24h: z
      .object({ downloadBytes: bytes("Last 24 hours"), uploadBytes: bytes("Last 24 hours") })
      .openapi({ description: "Traffic of the last 24 hours" }),
    routers: z
      .object({ total: count(3), online: count(3), offline: count(0), unknown: count(0) })
      .openapi({ description: "Routers by status" }),
    devices: z
      .object({ total: count(12), online: count(11), offline: count(1), unknown: count(0) })
      .openapi({ description: "Devices (OLTs, switches, APs) by probe status" }),
    connectors: z
      .object({ total: count(1), online: count(1), offline: count(0), pending: count(0) })
      .openapi({ description: "Connectors by status" }),
    openAlerts: count(2),
    generatedAt: z.string().openapi({ example: TIMESTAMP }),
  })
  .openapi("NetworkOverview");

/** `.extend({})`: a fresh instance, created after @hono/zod-openapi extended zod (the service one may predate it). */
export const MonitoringSettingsSchema = MonitoringSettingsInput.extend({}).openapi("MonitoringSettings");
export const MonitoringSettingsBody = MonitoringSettingsInput.strict().openapi("PutMonitoringSettings", {
  example: { usageAlertPercent: 90 },
});
