import type { Db } from "../../db/client";
import type { AuditMeta } from "../audit/record";

/**
 * The platform operator's context: the privileged `system` database handle (row-level security
 * lets it see every tenant) plus audit metadata. Only the platform routes and jobs build one.
 */
export interface PlatformContext extends AuditMeta {
  db: Db;
}
