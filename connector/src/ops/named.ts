import type { Row } from "../routeros/connection.ts";
import { RouterOsError } from "../routeros/errors.ts";
import type { RouterApi } from "../routeros/session.ts";
import { requireManaged } from "./op-error.ts";

/** The one row of a named menu (`/ppp/secret`, `/ppp/profile`, …) with that name, if any. */
export async function findByName(api: RouterApi, path: string, name: string): Promise<Row | undefined> {
  const rows = await api.call([`${path}/print`, `?name=${name}`]);
  return rows[0];
}

const BOOL: Record<string, string> = { yes: "true", true: "true", no: "false", false: "false" };

/** RouterOS prints booleans as `true`/`false` but accepts yes/no too; compare them as the same. */
function same(current: string | undefined, desired: string): boolean {
  if (current === undefined) return false;
  const a = BOOL[current];
  const b = BOOL[desired];
  return a !== undefined && b !== undefined ? a === b : current === desired;
}

export interface EnsureOutcome {
  id: string;
  action: "created" | "updated" | "unchanged";
  changed: string[];
}

/**
 * Makes the named object at `path` have at least the `desired` properties: adds it when missing,
 * sets only the properties that differ, does nothing when it already matches. Properties not in
 * `desired` are left as they are. An add that loses a race ("already exists") reads again and sets.
 * With `managedOnly`, an existing object without our comment tag is left alone (`not_managed`).
 */
export async function ensureNamed(
  api: RouterApi,
  path: string,
  desired: Record<string, string> & { name: string },
  opts: { managedOnly?: boolean } = {},
): Promise<EnsureOutcome> {
  for (let attempt = 0; ; attempt++) {
    const current = await findByName(api, path, desired.name);
    if (!current) {
      try {
        const rows = await api.call([`${path}/add`, ...Object.entries(desired).map(([k, v]) => `=${k}=${v}`)]);
        return { id: rows[0]?.ret ?? "", action: "created", changed: Object.keys(desired) };
      } catch (e) {
        if (attempt === 0 && e instanceof RouterOsError && e.alreadyExists) continue;
        throw e;
      }
    }
    if (opts.managedOnly) requireManaged(path, current);
    const id = current[".id"] ?? desired.name;
    const changed = Object.keys(desired).filter((k) => !same(current[k], desired[k] ?? ""));
    if (changed.length === 0) return { id, action: "unchanged", changed };
    await api.call([`${path}/set`, `=.id=${id}`, ...changed.map((k) => `=${k}=${desired[k]}`)]);
    return { id, action: "updated", changed };
  }
}
