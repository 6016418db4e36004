import { z } from "zod";

/** `?page=&limit=` of every list: default 10, at most 100. */
export const PageQuerySchema = z.object({
  page: z.coerce.number().int().min(1).max(100_000).default(1),
  limit: z.coerce.number().int().min(1).max(100).default(10),
});
export type PageQuery = z.infer<typeof PageQuerySchema>;

export interface PageMeta {
  page: number;
  limit: number;
  total: number;
  totalPages: number;
}

export interface Page<T> {
  data: T[];
  meta: PageMeta;
}

export function pageMeta(q: PageQuery, total: number): PageMeta {
  return { page: q.page, limit: q.limit, total, totalPages: Math.ceil(total / q.limit) };
}

/**
 * The `?search=` of every list: trimmed, at most 100 characters, matched literally (services
 * escape LIKE wildcards); an empty box (`search=`) means no filter rather than a 400.
 */
export function searchQuery(description: string, example: string) {
  return z
    .string()
    .trim()
    .max(100)
    .optional()
    .transform((v) => v || undefined)
    .meta({ description, example });
}
