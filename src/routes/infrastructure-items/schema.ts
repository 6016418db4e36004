import { z } from "@hono/zod-openapi";
import { INFRASTRUCTURE_ITEM_TYPES, INFRASTRUCTURE_ITEM_UNITS } from "../../db/schema";
import {
  AdjustQuantityInput,
  CreateItemInput,
  ListItemsQuery as ListItemsInput,
  UpdateItemInput,
} from "../../services/inventory/schemas";
import { pageSchema } from "../shared";

const TIMESTAMP = "2026-11-24T08:00:00.000Z";

export const InfrastructureItemSchema = z
  .object({
    id: z.uuid().openapi({ example: "0e2a4d1c-8b7d-4e6f-9a43-2f0d6c1b7e55" }),
    name: z.string().openapi({ example: "Kabel FO drop 1 core" }),
    type: z.enum(INFRASTRUCTURE_ITEM_TYPES).openapi({ example: "cable" }),
    quantity: z.number().int().openapi({ description: "In stock, ≥ 0", example: 460 }),
    unit: z.enum(INFRASTRUCTURE_ITEM_UNITS).openapi({ example: "meter" }),
    minimumQuantity: z.number().int().openapi({ description: "Low-stock threshold", example: 100 }),
    lowStock: z.boolean().openapi({ description: "quantity < minimumQuantity", example: false }),
    location: z.string().nullable().openapi({ example: "Gudang" }),
    notes: z.string().nullable().openapi({ example: "Rak B, gudang belakang" }),
    createdAt: z.string().openapi({ example: TIMESTAMP }),
    updatedAt: z.string().openapi({ example: TIMESTAMP }),
  })
  .openapi("InfrastructureItem");

export const CreateItemBody = CreateItemInput.strict().openapi("CreateInfrastructureItem", {
  example: { name: "Kabel FO drop 1 core", type: "cable", unit: "meter", quantity: 500, minimumQuantity: 100 },
});

export const UpdateItemBody = UpdateItemInput.strict().openapi("UpdateInfrastructureItem", {
  example: { minimumQuantity: 150, location: "Gudang" },
});

export const AdjustQuantityBody = AdjustQuantityInput.strict().openapi("AdjustInfrastructureItemQuantity", {
  example: { delta: -40, reason: "Pemasangan pelanggan CUST-000123" },
});

export const ItemIdParams = z.object({
  id: z.uuid().openapi({ param: { name: "id", in: "path" }, example: "0e2a4d1c-8b7d-4e6f-9a43-2f0d6c1b7e55" }),
});

export const ListItemsQuery = ListItemsInput.openapi("ListInfrastructureItemsQuery");

export const ItemListSchema = pageSchema(InfrastructureItemSchema, "InfrastructureItemList");
