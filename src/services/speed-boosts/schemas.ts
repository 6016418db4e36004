import { z } from "zod";
import { SPEED_BOOST_STATUSES } from "../../db/schema";

const UUID_EXAMPLE = "5b0f3c1e-5d1a-4c8e-9a43-2f0d6c1b7e55";

export const CreateSpeedBoostInput = z.object({
  customerId: z.uuid().meta({ description: "A live, active customer of this tenant", example: UUID_EXAMPLE }),
  boostPlanId: z
    .uuid()
    .meta({ description: "A plan on sale, with a faster download than the customer's plan", example: UUID_EXAMPLE }),
  durationDays: z.number().int().min(1).max(30).meta({ description: "1–30 days from approval", example: 7 }),
  notes: z.string().trim().max(1000).optional().meta({ description: "Free text", example: "Untuk acara keluarga" }),
});
export type CreateSpeedBoostInput = z.infer<typeof CreateSpeedBoostInput>;

export const RejectSpeedBoostInput = z.object({
  reason: z.string().trim().min(1).max(500).meta({ description: "Recorded on the boost", example: "Kapasitas penuh" }),
});
export type RejectSpeedBoostInput = z.infer<typeof RejectSpeedBoostInput>;

export const SpeedBoostStatusSchema = z
  .enum(SPEED_BOOST_STATUSES)
  .meta({ description: "pending → active (approved) | rejected; active → expired", example: "pending" });
