import { ConflictError } from "../errors";

/** Whether `err` (or a cause of it) is Postgres' foreign-key violation. */
export function isForeignKeyViolation(err: unknown): boolean {
  let cur: unknown = err;
  for (let i = 0; i < 5 && cur && typeof cur === "object"; i++) {
    if ((cur as { code?: unknown }).code === "23503") return true;
    cur = (cur as { cause?: unknown }).cause;
  }
  return false;
}

/**
 * Runs a hard delete; a row that another still references (RESTRICT / NO ACTION foreign key) makes
 * it a 409 (Property 17). This is the generic check: any table that later points at the entity with
 * a restricting key is covered without touching the delete.
 */
export async function deleteOrConflict<T>(entity: string, id: string, run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (err) {
    if (isForeignKeyViolation(err)) throw new ConflictError(`${entity} ${id} is still referenced by other records`);
    throw err;
  }
}
