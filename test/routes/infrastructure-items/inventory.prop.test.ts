import { fc, test } from "@fast-check/vitest";
import { eq } from "drizzle-orm";
import { describe, expect } from "vitest";
import { INFRASTRUCTURE_ITEM_TYPES, infrastructureItems } from "../../../src/db/schema";
import { CreateItemBody } from "../../../src/routes/infrastructure-items/schema";
import { NotFoundError } from "../../../src/services/errors";
import { createItem } from "../../../src/services/inventory/create";
import { getItem } from "../../../src/services/inventory/get";
import { listItems } from "../../../src/services/inventory/list";
import { deleteItem } from "../../../src/services/inventory/remove";
import { useAdminTenant } from "../../support/admin-tenant";

const fx = useAdminTenant();
const ctx = () => fx.ctx();

describe("inventory", () => {
  // Property 14: Soft Delete Preservation
  test.prop([fc.integer({ min: 1, max: 1000 }), fc.nat({ max: 1000 })], { numRuns: 100 })(
    "a deleted item stays in the database with deleted_at, and no read shows it",
    async (quantity, minimum) => {
      const tag = `D${crypto.randomUUID().slice(0, 8)}`;
      const gone = await createItem(ctx(), {
        name: `${tag} a`,
        type: "tools",
        unit: "set",
        quantity,
        minimumQuantity: minimum,
      });
      const kept = await createItem(ctx(), {
        name: `${tag} b`,
        type: "tools",
        unit: "set",
        quantity,
        minimumQuantity: 0,
      });
      await deleteItem(ctx(), gone.id);
      const [row] = await fx.system.db.select().from(infrastructureItems).where(eq(infrastructureItems.id, gone.id));
      expect(row?.deletedAt).toBeInstanceOf(Date);
      expect(row?.quantity).toBe(quantity);
      await expect(getItem(ctx(), gone.id)).rejects.toBeInstanceOf(NotFoundError);
      await expect(deleteItem(ctx(), gone.id)).rejects.toBeInstanceOf(NotFoundError);
      const page = await listItems(ctx(), { page: 1, limit: 100, search: tag });
      expect(page.data.map((i) => i.id)).toEqual([kept.id]);
    },
  );

  // Property 9: Required Field Validation
  test.prop([fc.subarray(["name", "type", "unit", "quantity"] as const, { minLength: 1 })], { numRuns: 100 })(
    "an item body missing any required field is rejected, naming the field",
    (missing) => {
      const body: Record<string, unknown> = { name: "Tang", type: "tools", unit: "set", quantity: 1 };
      for (const k of missing) delete body[k];
      const parsed = CreateItemBody.safeParse(body);
      expect(parsed.success).toBe(false);
      const paths = parsed.error?.issues.map((i) => i.path.join(".")) ?? [];
      for (const k of missing) expect(paths).toContain(k);
    },
  );

  const spec = fc.record({
    type: fc.constantFrom(...INFRASTRUCTURE_ITEM_TYPES),
    location: fc.constantFrom("Gudang A", "gudang a", "Pos RW", null),
    quantity: fc.nat({ max: 20 }),
    minimum: fc.nat({ max: 20 }),
    deleted: fc.boolean(),
  });

  // Property 12: Filter Result Accuracy
  test.prop(
    [
      fc.array(spec, { maxLength: 6 }),
      fc.option(fc.constantFrom(...INFRASTRUCTURE_ITEM_TYPES), { nil: undefined }),
      fc.option(fc.constantFrom("GUDANG A", "Pos RW"), { nil: undefined }),
      fc.option(fc.boolean(), { nil: undefined }),
    ],
    { numRuns: 100 },
  )(
    "listing with type/location/lowStock filters returns exactly the matching live items",
    async (specs, type, location, lowStock) => {
      const tag = `F${crypto.randomUUID().slice(0, 8)}`;
      if (specs.length > 0) {
        await fx.system.db.insert(infrastructureItems).values(
          specs.map((s, i) => ({
            tenantId: fx.tenant.id,
            name: `${tag} ${i}`,
            type: s.type,
            unit: "piece" as const,
            quantity: s.quantity,
            minimumQuantity: s.minimum,
            location: s.location,
            deletedAt: s.deleted ? new Date() : null,
          })),
        );
      }
      const page = await listItems(ctx(), { page: 1, limit: 100, search: tag, type, location, lowStock });
      const expected = specs.filter(
        (s) =>
          !s.deleted &&
          (!type || s.type === type) &&
          (!location || s.location?.toLowerCase() === location.toLowerCase()) &&
          (lowStock === undefined || s.quantity < s.minimum === lowStock),
      );
      expect(page.meta.total).toBe(expected.length);
      for (const i of page.data) {
        if (type) expect(i.type).toBe(type);
        if (location) expect(i.location?.toLowerCase()).toBe(location.toLowerCase());
        if (lowStock !== undefined) expect(i.lowStock).toBe(lowStock);
      }
    },
  );
});
