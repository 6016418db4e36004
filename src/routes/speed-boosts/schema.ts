import { z } from "@hono/zod-openapi";
import { SPEED_BOOST_STATUSES } from "../../db/schema";
import { PageQuerySchema } from "../../lib/pagination";
import { CreateSpeedBoostInput, RejectSpeedBoostInput } from "../../services/speed-boosts/schemas";
import { pageSchema } from "../shared";

const ID = "9a43c1e4-5d1a-4c8e-9a43-2f0d6c1b7e55";
const TIMESTAMP = "2026-11-24T08:00:00.000Z";

export const SpeedBoostSchema = z
  .object({
    id: z.uuid().openapi({ example: ID }),
    customerId: z.uuid().openapi({ example: ID }),
    currentPlanId: z.uuid().openapi({ description: "The customer's subscribed plan at request time", example: ID }),
    boostPlanId: z.uuid().openapi({ description: "The faster plan", example: ID }),
    durationDays: z.number().int().openapi({ example: 7 }),
    price: z.number().int().openapi({
      description: "Integer rupiah: round((boost price − current price) × days ÷ 30), halves away from zero, ≥ 0",
      example: 23333,
    }),
    status: z.enum(SPEED_BOOST_STATUSES).openapi({ example: "pending" }),
    requestDate: z.string().openapi({ example: TIMESTAMP }),
    startDate: z.string().nullable().openapi({ description: "Set on approval (= approval time)", example: TIMESTAMP }),
    endDate: z.string().nullable().openapi({ description: "startDate + durationDays × 24 h", example: TIMESTAMP }),
    notes: z.string().nullable().openapi({ example: "Untuk acara keluarga" }),
    rejectionReason: z.string().nullable().openapi({ example: null }),
    approvedBy: z.uuid().nullable().openapi({ description: "The approving user", example: ID }),
    createdAt: z.string().openapi({ example: TIMESTAMP }),
    updatedAt: z.string().openapi({ example: TIMESTAMP }),
  })
  .openapi("SpeedBoost");

export const CreateSpeedBoostBody = CreateSpeedBoostInput.strict().openapi("CreateSpeedBoost", {
  example: { customerId: ID, boostPlanId: ID, durationDays: 7, notes: "Untuk acara keluarga" },
});

export const RejectSpeedBoostBody = RejectSpeedBoostInput.strict().openapi("RejectSpeedBoost", {
  example: { reason: "Kapasitas jaringan penuh minggu ini" },
});

export const SpeedBoostIdParams = z.object({
  id: z.uuid().openapi({ param: { name: "id", in: "path" }, example: ID }),
});

export const ListSpeedBoostsQuery = PageQuerySchema.extend({
  status: z.enum(SPEED_BOOST_STATUSES).optional().openapi({ example: "pending" }),
  customerId: z.uuid().optional().openapi({ example: ID }),
});

export const SpeedBoostListSchema = pageSchema(SpeedBoostSchema, "SpeedBoostList");
