import { z } from "@hono/zod-openapi";
import type { ZodType } from "zod";

export const PageMetaSchema = z
  .object({
    page: z.number().int().openapi({ example: 1 }),
    limit: z.number().int().openapi({ example: 10 }),
    total: z.number().int().openapi({ example: 42 }),
    totalPages: z.number().int().openapi({ example: 5 }),
  })
  .openapi("PageMeta");

/** `{ data: T[], meta }`: the shape of every list response. */
export function pageSchema<T extends ZodType>(item: T, name: string) {
  return z.object({ data: z.array(item), meta: PageMetaSchema }).openapi(name);
}

export function jsonContent<T extends ZodType>(schema: T, description: string) {
  return { description, content: { "application/json": { schema } } };
}

export function jsonBody<T extends ZodType>(schema: T) {
  return { required: true, content: { "application/json": { schema } } };
}

/** Client address and agent for the audit log (Cloudflare sets CF-Connecting-IP). */
export function clientInfo(req: { header(name: string): string | undefined }) {
  return {
    ip: req.header("cf-connecting-ip") ?? req.header("x-forwarded-for")?.split(",")[0]?.trim(),
    userAgent: req.header("user-agent")?.slice(0, 512),
  };
}
