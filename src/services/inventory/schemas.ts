import { z } from "zod";
import { INFRASTRUCTURE_ITEM_TYPES, INFRASTRUCTURE_ITEM_UNITS } from "../../db/schema";
import { PageQuerySchema, searchQuery } from "../../lib/pagination";
import { LocationSchema } from "../devices/schemas";
import { PlainNameSchema } from "../tenants/schemas";

/** Stock counts are whole units (meters of cable, pieces); 10 million is far beyond any warehouse. */
const MAX_QUANTITY = 10_000_000;

const itemFields = {
  name: PlainNameSchema.meta({ description: "What it is", example: "Kabel FO drop 1 core" }),
  type: z
    .enum(INFRASTRUCTURE_ITEM_TYPES)
    .meta({ description: "cable | router | switch | antenna | connector | tools", example: "cable" }),
  unit: z.enum(INFRASTRUCTURE_ITEM_UNITS).meta({ description: "meter | piece | set", example: "meter" }),
  minimumQuantity: z
    .number()
    .int()
    .min(0)
    .max(MAX_QUANTITY)
    .meta({ description: "Below this, a low-stock alert is raised (0 = never)", example: 100 }),
  location: LocationSchema.nullable(),
  notes: z.string().trim().max(1000).nullable().meta({ description: "Free text", example: "Rak B, gudang belakang" }),
};

export const CreateItemInput = z.object({
  ...itemFields,
  quantity: z
    .number()
    .int()
    .positive()
    .max(MAX_QUANTITY)
    .meta({ description: "Initial stock, > 0 (Property 16)", example: 500 }),
  minimumQuantity: itemFields.minimumQuantity.default(0),
  location: itemFields.location.optional(),
  notes: itemFields.notes.optional(),
});
export type CreateItemInput = z.infer<typeof CreateItemInput>;

/** Everything but the quantity, which changes only through an adjustment with a reason. */
export const UpdateItemInput = z.object(itemFields).partial();
export type UpdateItemInput = z.infer<typeof UpdateItemInput>;

export const AdjustQuantityInput = z
  .object({
    delta: z
      .number()
      .int()
      .min(-MAX_QUANTITY)
      .max(MAX_QUANTITY)
      .refine((d) => d !== 0, "must not be 0")
      .optional()
      .meta({ description: "Change: + received, − used (exclusive with quantity)", example: -40 }),
    quantity: z
      .number()
      .int()
      .min(0)
      .max(MAX_QUANTITY)
      .optional()
      .meta({ description: "New stock after a count (exclusive with delta)", example: 460 }),
    reason: z
      .string()
      .trim()
      .min(1)
      .max(500)
      .meta({ description: "Why, for the audit log", example: "Pemasangan pelanggan CUST-000123" }),
  })
  .refine((v) => (v.delta === undefined) !== (v.quantity === undefined), {
    message: "send exactly one of delta and quantity",
    path: ["delta"],
  });
export type AdjustQuantityInput = z.infer<typeof AdjustQuantityInput>;

export const ListItemsQuery = PageQuerySchema.extend({
  type: z.enum(INFRASTRUCTURE_ITEM_TYPES).optional().meta({ description: "Only items of this type", example: "cable" }),
  location: z
    .string()
    .trim()
    .min(1)
    .max(200)
    .optional()
    .meta({ description: "Only items at this location (whole value, case-insensitive)", example: "Gudang" }),
  lowStock: z
    .enum(["true", "false"])
    .transform((v) => v === "true")
    .optional()
    .meta({ description: "true: only items below their minimum; false: only the others", example: "true" }),
  search: searchQuery("Part of the name or notes", "drop"),
});
export type ListItemsQuery = z.infer<typeof ListItemsQuery>;
