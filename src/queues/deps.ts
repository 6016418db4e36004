import { createDbRegistry, type DbRegistry } from "../db/client";
import { type Bindings, type Config, EnvSchema } from "../env";
import { createLogger, type Logger } from "../lib/logger";
import { withEmailNotifications } from "../services/email/publisher";
import { type Mailer, smtpMailer } from "../services/email/send";
import { eventPublisher } from "../services/events/hub-publisher";
import type { EventPublisher } from "../services/events/publisher";
import { provisioningDepsFor, withProvisioning } from "../services/provisioning/publisher";
import { type JobQueue, jobQueue } from "./producer";

/**
 * What background work (queue consumers, crons) runs with: the validated config, both database
 * handles, a logger, the job queue, the mailer and the event publisher (TenantHub + email rules).
 * Built once per invocation, closed at its end; tests build their own with fakes.
 */
export interface JobDeps {
  env: Bindings;
  config: Config;
  dbs: DbRegistry;
  log: Logger;
  queue: JobQueue;
  mailer: Mailer;
  publisher: EventPublisher;
}

/** Throws when the Worker's configuration is invalid (the invocation fails and is retried). */
export function createJobDeps(env: Bindings, base: Record<string, unknown>): JobDeps {
  const parsed = EnvSchema.safeParse(env);
  if (!parsed.success) {
    const fields = parsed.error.issues.map((i) => i.path.join(".")).join(", ");
    throw new Error(`invalid worker configuration: ${fields}`);
  }
  const config = parsed.data;
  const log = createLogger(base, config.LOG_LEVEL);
  const dbs = createDbRegistry(config, log);
  const queue = jobQueue(env);
  return {
    env,
    config,
    dbs,
    log,
    queue,
    mailer: smtpMailer({ clientName: config.BASE_DOMAIN }),
    publisher: withProvisioning(
      withEmailNotifications(
        eventPublisher(env.TENANT_HUB, log, () => dbs.app()),
        {
          db: () => dbs.system(),
          queue,
          log,
        },
      ),
      provisioningDepsFor(env, config, log, () => dbs.app()),
    ),
  };
}
