import { z } from "@hono/zod-openapi";

const count = (example: number) => z.number().int().openapi({ example });

export const DashboardStatsSchema = z
  .object({
    customers: z
      .object({ active: count(180), suspended: count(12), terminated: count(8), total: count(200) })
      .nullable()
      .openapi({ description: "Live (not deleted) customers by status; null without customers:read" }),
    revenue: z
      .object({
        period: z.string().openapi({ description: "Current month in the tenant's time zone", example: "2026-11" }),
        currentMonth: z.number().int().openapi({ description: "Paid this month, integer rupiah", example: 27000000 }),
        previousMonth: z.number().int().openapi({ description: "Paid last month, integer rupiah", example: 25000000 }),
        growthPercent: z.number().nullable().openapi({
          description: "((current − previous) / previous) · 100, 2 decimals; null when last month had no revenue",
          example: 8,
        }),
        growthNote: z
          .enum(["no_revenue_previous_month"])
          .nullable()
          .openapi({ description: "Why growthPercent is null", example: null }),
      })
      .nullable()
      .openapi({
        description: "Paid payments by payment date; null for a caller without payments:read (e.g. a technician)",
      }),
    tickets: z
      .object({
        openByPriority: z.object({ low: count(2), medium: count(5), high: count(1), urgent: count(0) }),
        open: count(8).openapi({ description: "Tickets open or in progress" }),
      })
      .nullable()
      .openapi({ description: "Open tickets; null without tickets:read" }),
    bandwidth: z
      .object({
        usagePercent: z.number().nullable().openapi({
          description: "usedBps / totalBps · 100, 2 decimals; null without current monitoring data",
          example: 37.5,
        }),
        usedBps: z.number().int().nullable().openapi({
          description: "Sum of the latest download rate (≤ 15 min old) of each active customer",
          example: 1500000000,
        }),
        totalBps: z
          .number()
          .int()
          .openapi({ description: "Sum of the download speeds of active customers' plans", example: 4000000000 }),
        customersReporting: count(150).openapi({ description: "Active customers with a current sample" }),
      })
      .nullable()
      .openapi({ description: "From connector monitoring samples; null without monitoring:read" }),
    inventory: z
      .object({
        lowStockCount: count(3).openapi({ description: "Items below their minimum quantity" }),
      })
      .nullable()
      .openapi({ description: "Stock; null without inventory:read" }),
    generatedAt: z
      .string()
      .openapi({ description: "When these figures were computed", example: "2026-11-24T08:00:00.000Z" }),
    expiresAt: z.string().openapi({ description: "Recomputed after this", example: "2026-11-24T08:05:00.000Z" }),
    cached: z.boolean().openapi({ description: "Served from the 5-minute cache", example: true }),
  })
  .openapi("DashboardStats");
