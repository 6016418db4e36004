import type { JobType } from "../messages";
import type { JobHandler } from "./types";

/**
 * A job type whose producer and handler belong to a later issue (provisioning through the
 * connector, asynchronous exports). Such a message is dead-lettered at once with a clear error, so
 * it is visible in `/jobs/failed` and can be retried once the handler exists.
 */
export function notImplementedHandler<T extends JobType>(type: T, owner: string): JobHandler<T> {
  return {
    maxAttempts: 1,
    tracked: false,
    run: async () => ({ action: "fail", error: `no handler for ${type} yet (${owner})` }),
  };
}
